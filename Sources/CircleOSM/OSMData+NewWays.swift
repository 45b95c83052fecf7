import CircleGeo

/// A node to add to an ``OSMData``, as an OSM file would hold it.
public struct NewNode: Sendable, Equatable {
    /// The node id: not in the file.
    public var id: Int64
    /// Degrees × 10⁷, as OSM stores coordinates.
    public var lon: Int32
    public var lat: Int32

    /// A node `id` at (`lon`, `lat`) in degrees × 10⁷.
    public init(id: Int64, lon: Int32, lat: Int32) { self.id = id; self.lon = lon; self.lat = lat }
}

/// A way to add to an ``OSMData``, as an OSM file would hold it.
public struct NewWay: Sendable, Equatable {
    /// The way id: not in the file.
    public var id: Int64
    /// The node ids along the way: nodes of the file or added ones.
    public var refs: [Int64]
    /// The way's tags (a `highway` tag makes it a street; keys outside ``OSMData/wayKeys`` are not kept).
    public var tags: [String: String]

    /// A way `id` through `refs` with `tags`.
    public init(id: Int64, refs: [Int64], tags: [String: String]) { self.id = id; self.refs = refs; self.tags = tags }
}

extension OSMData {
    /// The index of node `id`, when the file has it.
    ///
    /// - Complexity: O(log nodes).
    public func nodeIndex(of id: Int64) -> Int? {
        var lo = 0, hi = nodeIds.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if nodeIds[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < nodeIds.count && nodeIds[lo] == id ? lo : nil
    }

    /// Which modes may use a way with these tags, as the network build decides for a way of the file.
    public static func modes(of tags: [String: String]) -> (walk: Bool, cycle: Bool) {
        let t = WayTags(tags)
        return (!ModeProfile.walk.directions(t).isEmpty, !ModeProfile.cycle.directions(t).isEmpty)
    }

    /// For each node, whether a way that walking or cycling may use passes through it.
    ///
    /// - Complexity: O(references).
    public func streetNodes() -> [Bool] {
        let (walk, cycle) = WayDirections.evaluate(self)
        var on = [Bool](repeating: false, count: nodeIds.count)
        for w in wayIds.indices where walk[w] != 0 || cycle[w] != 0 {
            for r in refs(of: w) where refIndex[r] != Self.missing { on[Int(refIndex[r])] = true }
        }
        return on
    }

    /// The node nearest to (`lon`, `lat`) (degrees × 10⁷) among those marked in `among`, and its
    /// great-circle distance in metres; ties go to the smaller id. Nil when none is marked.
    ///
    /// - Complexity: O(nodes); the great-circle distance only for nodes whose latitude alone does
    ///   not already put them farther than the best so far.
    public func nearestNode(lon: Int32, lat: Int32, among: [Bool]) -> (index: Int, metres: Double)? {
        var best: (index: Int, metres: Double)?
        // The great-circle distance is at least the meridian arc between the two latitudes.
        let metresPerFixed = Geodesy.earthRadius * Geodesy.radiansPerDegree / Geodesy.fixedScale
        for i in nodeIds.indices where among[i] {
            if let b = best, Double(abs(Int64(nodeLat[i]) - Int64(lat))) * metresPerFixed > b.metres * (1 + 1e-9) { continue }
            let d = Geodesy.haversine(fixedLon1: lon, fixedLat1: lat, fixedLon2: nodeLon[i], fixedLat2: nodeLat[i])
            if best == nil || d < best!.metres { best = (i, d) }
        }
        return best
    }

    /// The smallest node id of the file, counting the ids its ways refer to (nil for no node).
    public var smallestNodeId: Int64? { [nodeIds.first, refIds.min()].compactMap { $0 }.min() }

    /// This data with `nodes` and `ways` added: exactly what ``OSMData/read(path:featureKeys:)``
    /// gives for the file with those nodes and ways written into it (nodes and ways in id order,
    /// references resolved, the tag values of ``OSMData/wayKeys`` kept). ``features`` are unchanged
    /// (the new objects carry no feature keys); interned strings may be numbered otherwise.
    ///
    /// - Precondition: no new id is already a node or way of the file, or referred to by one of its ways.
    /// - Complexity: O(nodes + references + ways).
    public func adding(nodes: [NewNode], ways: [NewWay]) -> OSMData {
        var out = self
        // Nodes: merge the new ones (sorted) into the sorted file nodes.
        let added = nodes.sorted { $0.id < $1.id }
        var oldIndex = [UInt32](repeating: 0, count: nodeIds.count)
        out.nodeIds = []; out.nodeLon = []; out.nodeLat = []
        out.nodeIds.reserveCapacity(nodeIds.count + added.count)
        out.nodeLon.reserveCapacity(nodeIds.count + added.count)
        out.nodeLat.reserveCapacity(nodeIds.count + added.count)
        var i = 0, k = 0
        while i < nodeIds.count || k < added.count {
            if k < added.count && (i == nodeIds.count || added[k].id < nodeIds[i]) {
                precondition(i == nodeIds.count || added[k].id != nodeIds[i], "node \(added[k].id) is in the file")
                out.nodeIds.append(added[k].id); out.nodeLon.append(added[k].lon); out.nodeLat.append(added[k].lat)
                k += 1
            } else {
                oldIndex[i] = UInt32(out.nodeIds.count)
                out.nodeIds.append(nodeIds[i]); out.nodeLon.append(nodeLon[i]); out.nodeLat.append(nodeLat[i])
                i += 1
            }
        }
        var stringIndex: [String: Int32] = [:]
        for (n, s) in strings.enumerated() where stringIndex[s] == nil { stringIndex[s] = Int32(n) }
        func intern(_ s: String) -> Int32 {
            if let n = stringIndex[s] { return n }
            out.strings.append(s)
            stringIndex[s] = Int32(out.strings.count - 1)
            return Int32(out.strings.count - 1)
        }
        // Ways: merge the new ones (sorted) into the sorted file ways.
        let newWays = ways.sorted { $0.id < $1.id }
        let keys = Self.wayKeys
        out.wayIds = []; out.wayRefStart = [0]; out.refIds = []; out.refIndex = []; out.tagValues = []
        out.wayIds.reserveCapacity(wayIds.count + newWays.count)
        out.refIds.reserveCapacity(refIds.count + newWays.reduce(0) { $0 + $1.refs.count })
        out.refIndex.reserveCapacity(out.refIds.capacity)
        out.tagValues.reserveCapacity((wayIds.count + newWays.count) * keys.count)
        var w = 0
        k = 0
        while w < wayIds.count || k < newWays.count {
            if k < newWays.count && (w == wayIds.count || newWays[k].id < wayIds[w]) {
                let way = newWays[k]
                precondition(w == wayIds.count || way.id != wayIds[w], "way \(way.id) is in the file")
                out.wayIds.append(way.id)
                for id in way.refs {
                    out.refIds.append(id)
                    out.refIndex.append(out.nodeIndex(of: id).map { UInt32($0) } ?? Self.missing)
                }
                for key in keys { out.tagValues.append(way.tags[key].map(intern) ?? -1) }
                k += 1
            } else {
                out.wayIds.append(wayIds[w])
                for r in refs(of: w) {
                    out.refIds.append(refIds[r])
                    out.refIndex.append(refIndex[r] == Self.missing ? Self.missing : oldIndex[Int(refIndex[r])])
                }
                out.tagValues += tagValues[(w * keys.count)..<((w + 1) * keys.count)]
                w += 1
            }
            out.wayRefStart.append(out.refIds.count)
        }
        return out
    }
}
