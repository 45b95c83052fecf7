import CircleGraph
import Foundation

/// Where a point meets the network (SPEC §4).
public struct Snap: Sendable, Equatable {
    /// The outcome of snapping one point.
    public enum Status: String, Sendable, Codable {
        /// On an eligible edge within the maximum distance.
        case snapped
        /// No edge of any component within the maximum distance.
        case tooFar = "too_far"
        /// Only edges of ineligible components (small islands) within the maximum distance.
        case noEligibleEdge = "no_eligible_edge"
    }

    public var status: Status
    /// The edge snapped to (meaningful when `status == .snapped`).
    public var edge: UInt32
    /// The segment along the edge's shape.
    public var segment: UInt32
    /// Metres along the edge from its first node to the snap point.
    public var offset: Double
    /// Straight-line metres from the point to the snap point: the access leg.
    public var accessDistance: Double
    /// The snap point.
    public var lon: Double
    public var lat: Double
    /// The graph node the point stands at, when it snaps exactly onto one.
    public var node: UInt32?

    /// A snap as given (e.g. read back from a cache).
    public init(status: Status, edge: UInt32, segment: UInt32, offset: Double, accessDistance: Double,
                lon: Double, lat: Double, node: UInt32?) {
        self.status = status
        self.edge = edge
        self.segment = segment
        self.offset = offset
        self.accessDistance = accessDistance
        self.lon = lon
        self.lat = lat
        self.node = node
    }

    /// A point that did not snap.
    public static func unsnapped(_ status: Status) -> Snap {
        Snap(status: status, edge: .max, segment: .max, offset: 0, accessDistance: .infinity,
             lon: .nan, lat: .nan, node: nil)
    }
}

/// Snaps points to the nearest point on any edge segment of the eligible components of a network.
public struct Snapper: Sendable {
    public let network: RoadNetwork
    public let index: SegmentIndex
    /// Points farther than this (metres) from every eligible edge are unsnapped.
    public let maxDistance: Double
    /// Distances within this many metres count as ties, broken by lower edge id, then segment.
    public static let tieTolerance = 1e-6

    public init(network: RoadNetwork, maxDistance: Double = 500, cellSize: Double = 100) {
        self.network = network
        self.index = SegmentIndex(edges: network.edges, cellSize: cellSize)
        self.maxDistance = maxDistance
    }

    /// Snaps one point given in degrees.
    ///
    /// - Complexity: O(segments in the cells within `maxDistance`).
    public func snap(lon: Double, lat: Double) -> Snap {
        let q = LocalPlane(lon0: lon, lat0: lat)
        let (cx, cy) = index.cell(lon: lon, lat: lat)
        var best = Candidate(distance: .infinity, edge: .max, segment: .max, t: 0)
        var ineligibleWithin = false
        let edges = network.edges
        let maxRing = Int((maxDistance / index.frameScale / index.cellSize).rounded(.up)) + 1
        for ring in 0...maxRing {
            // Every cell of this ring is at least (ring - 1) cells from the point.
            let bound = Double(ring - 1) * index.cellSize * index.frameScale - 1e-3
            if bound > maxDistance || bound > best.distance + Self.tieTolerance { break }
            forEachCell(inRing: ring, cx: cx, cy: cy) { x, y in
                index.forEachEntry(cx: x, cy: y) { e, s in
                    let c = Self.nearest(on: edges, edge: e, segment: s, plane: q)
                    guard c.distance <= maxDistance else { return }
                    if !network.isEligible(edge: Int(e)) {
                        ineligibleWithin = true
                    } else if c.isBetter(than: best) {
                        best = c
                    }
                }
            }
        }
        guard best.edge != .max else { return .unsnapped(ineligibleWithin ? .noEligibleEdge : .tooFar) }
        return finish(best, plane: q)
    }

    /// Visits the cells at Chebyshev distance `ring` from (`cx`, `cy`).
    func forEachCell(inRing ring: Int, cx: Int, cy: Int, _ body: (Int, Int) -> Void) {
        if ring == 0 { body(cx, cy); return }
        for x in (cx - ring)...(cx + ring) {
            body(x, cy - ring)
            body(x, cy + ring)
        }
        for y in (cy - ring + 1)...(cy + ring - 1) {
            body(cx - ring, y)
            body(cx + ring, y)
        }
    }

    struct Candidate {
        var distance: Double
        var edge: UInt32
        var segment: UInt32
        var t: Double

        func isBetter(than other: Candidate) -> Bool {
            if distance < other.distance - Snapper.tieTolerance { return true }
            if distance > other.distance + Snapper.tieTolerance { return false }
            return (edge, segment) < (other.edge, other.segment)
        }
    }

    /// The nearest point of one segment to the plane's origin.
    static func nearest(on edges: EdgeTable, edge e: UInt32, segment s: UInt32, plane q: LocalPlane) -> Candidate {
        let p = Int(edges.shapeStart[Int(e)]) + Int(s)
        return nearest(lonA: Geodesy.degrees(edges.shapeLon[p]), latA: Geodesy.degrees(edges.shapeLat[p]),
                       lonB: Geodesy.degrees(edges.shapeLon[p + 1]), latB: Geodesy.degrees(edges.shapeLat[p + 1]),
                       edge: e, segment: s, plane: q)
    }

    /// The nearest point of the segment from (`lonA`, `latA`) to (`lonB`, `latB`), in degrees, to
    /// the plane's origin: the one computation of a candidate, shared by ``snap(lon:lat:)`` and
    /// ``snapCells(lon:lat:)``.
    @inline(__always)
    static func nearest(lonA: Double, latA: Double, lonB: Double, latB: Double, edge e: UInt32, segment s: UInt32,
                        plane q: LocalPlane) -> Candidate {
        let a = q.project(lon: lonA, lat: latA)
        let b = q.project(lon: lonB, lat: latB)
        let dx = b.x - a.x, dy = b.y - a.y
        let len2 = dx * dx + dy * dy
        var t = len2 > 0 ? -(a.x * dx + a.y * dy) / len2 : 0
        t = min(1, max(0, t))
        let x = a.x + t * dx, y = a.y + t * dy
        return Candidate(distance: (x * x + y * y).squareRoot(), edge: e, segment: s, t: t)
    }

    /// Turns the winning candidate into a snap: offset along the edge, snap point, node if any.
    func finish(_ c: Candidate, plane q: LocalPlane) -> Snap {
        let edges = network.edges
        let shape = edges.shape(of: Int(c.edge))
        let p = shape.lowerBound + Int(c.segment)
        var before = 0.0
        for k in shape.lowerBound..<p { before += segmentLength(edges, k) }
        return finish(c, plane: q, before: before, length: segmentLength(edges, p))
    }

    /// ``finish(_:plane:)`` given the metres of the edge's segments before the candidate's
    /// (summed from the first, in order) and of its own segment.
    func finish(_ c: Candidate, plane q: LocalPlane, before: Double, length: Double) -> Snap {
        let edges = network.edges
        let e = Int(c.edge)
        let shape = edges.shape(of: e)
        let p = shape.lowerBound + Int(c.segment)
        var offset = before
        offset += c.t * length
        let lastSegment = shape.count - 2
        var node: UInt32? = nil
        if c.t == 0 && c.segment == 0 {
            node = edges.from[e]
            offset = 0
        } else if c.t == 1 && Int(c.segment) == lastSegment {
            node = edges.to[e]
            offset = edges.length[e]
        }
        let a = (Geodesy.degrees(edges.shapeLon[p]), Geodesy.degrees(edges.shapeLat[p]))
        let b = (Geodesy.degrees(edges.shapeLon[p + 1]), Geodesy.degrees(edges.shapeLat[p + 1]))
        return Snap(status: .snapped, edge: c.edge, segment: c.segment, offset: min(offset, edges.length[e]),
                    accessDistance: c.distance, lon: a.0 + c.t * (b.0 - a.0), lat: a.1 + c.t * (b.1 - a.1),
                    node: node)
    }

    func segmentLength(_ edges: EdgeTable, _ k: Int) -> Double {
        Geodesy.haversine(fixedLon1: edges.shapeLon[k], fixedLat1: edges.shapeLat[k],
                          fixedLon2: edges.shapeLon[k + 1], fixedLat2: edges.shapeLat[k + 1])
    }
}

extension Snapper {
    /// Snaps many points, splitting them over all cores; results keep input order.
    public func snapAll(_ points: [(lon: Double, lat: Double)]) -> [Snap] {
        let n = points.count
        guard n > 0 else { return [] }
        var result = [Snap](repeating: .unsnapped(.tooFar), count: n)
        result.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            ParallelRows.ranges(n) { range in
                for i in range { out[i] = snap(lon: points[i].lon, lat: points[i].lat) }
            }
        }
        return result
    }
}
