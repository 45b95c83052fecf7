import CircleGraph

/// Which facility is each origin's nearest: ``CoverageSearch/unit(_:_:_:_:)`` with the source of
/// every distance kept (``NearestSourceSearch``).
public enum NearestFacility {
    /// An origin's nearest facility: its distance (centimetres) and the facility's number.
    public struct Nearest: Sendable, Equatable {
        public var centimetres: UInt32
        public var facility: UInt32
        public init(centimetres: UInt32, facility: UInt32) {
            self.centimetres = centimetres
            self.facility = facility
        }
    }

    /// The searches' sources of a unit's facilities (both ends of each facility's edge, labelled
    /// with its owner) and the facilities on each edge (an origin on the same edge may reach one
    /// along it).
    static func sources(_ net: SearchNetwork, facilities: [SnappedPoint], owners: [UInt32])
        -> (seeds: [NearestSourceSearch.Seed], onEdge: [UInt32: [(point: SnappedPoint, owner: UInt32)]]) {
        precondition(facilities.count == owners.count)
        let rules = net.rules
        var seeds: [NearestSourceSearch.Seed] = []
        seeds.reserveCapacity(facilities.count * 2)
        var onEdge: [UInt32: [(point: SnappedPoint, owner: UInt32)]] = [:]
        for (f, owner) in zip(facilities, owners) {
            let ends = rules.seeds(facility: f)
            if let a = ends.first { seeds.append((a.node, a.cost, owner)) }
            if let b = ends.last { seeds.append((b.node, b.cost, owner)) }
            onEdge[f.edge, default: []].append((f, owner))
        }
        return (seeds, onEdge)
    }

    /// One (item, mode) unit: the distance every origin reads, exactly as
    /// ``CoverageSearch/unit(_:_:_:_:)`` computes it, and the facility it leads to.
    /// `owners[k]` is the facility of the point `facilities[k]` (the entrances of one facility,
    /// e.g. a park's boundary points, share it). Of facilities at the same shortest distance the
    /// lower number wins. nil beyond `net.limit`.
    public static func unit(_ net: SearchNetwork, _ search: NearestSourceSearch, facilities: [SnappedPoint],
                            owners: [UInt32], origins: [SnappedPoint]) -> [Nearest?] {
        let (seeds, onEdge) = sources(net, facilities: facilities, owners: owners)
        if net.prefersSweep(sources: seeds.count), let h = net.network.hierarchy {
            search.run(hierarchy: h, sources: seeds, limit: net.limit)
        } else {
            search.run(graph: net.network.backward, weights: net.weights.backward, sources: seeds, limit: net.limit)
        }
        return readOff(net, search, onEdge: onEdge, origins: origins[...])
    }

    /// Each origin's nearest facility after `search` ran from the facilities' seeds (each
    /// labelled with its facility): its exits plus their labels, or a direct trip to a facility
    /// `onEdge` of its edge; nil beyond `net.limit`.
    static func readOff(_ net: SearchNetwork, _ search: NearestSourceSearch,
                        onEdge: [UInt32: [(point: SnappedPoint, owner: UInt32)]], origins: ArraySlice<SnappedPoint>) -> [Nearest?] {
        let rules = net.rules
        return origins.map { o in
            // (distance, facility) compared as one key: the shorter trip, then the lower number.
            var best = UInt64.max
            func offer(_ distance: UInt64, _ facility: UInt32) {
                guard distance <= UInt64(UInt32.max) else { return }
                best = min(best, distance << 32 | UInt64(facility))
            }
            let ends = rules.exits(origin: o)
            if let a = ends.first, let l = search.label(a.node) { offer(UInt64(a.cost) + UInt64(l.distance), l.source) }
            if let b = ends.last, let l = search.label(b.node) { offer(UInt64(b.cost) + UInt64(l.distance), l.source) }
            for f in onEdge[o.edge] ?? [] {
                if let d = rules.direct(origin: o, facility: f.point) { offer(UInt64(d), f.owner) }
            }
            guard best != .max, best >> 32 <= UInt64(net.limit) else { return nil }
            return Nearest(centimetres: UInt32(best >> 32), facility: UInt32(truncatingIfNeeded: best))
        }
    }
}
