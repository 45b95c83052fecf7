import CircleGraph

/// SPEC §5 at the ends of a trip: how a point on an edge leaves it (origin) or is reached along it
/// (facility), honouring the edge's allowed directions. A point exactly at an end node stands at
/// that node and needs no direction.
public struct TripRules: Sendable {
    public let network: RoadNetwork
    /// Edge lengths in centimetres (the same rounding as the arcs).
    public let edgeLength: [UInt32]

    public init(network: RoadNetwork) {
        self.network = network
        edgeLength = network.edges.length.map(Centimetres.from(metres:))
    }

    /// Clamps an offset to its edge.
    @inline(__always)
    func clamped(_ p: SnappedPoint) -> (offset: UInt32, length: UInt32) {
        let length = edgeLength[Int(p.edge)]
        return (min(p.offset, length), length)
    }

    /// Up to two (node, centimetres) pairs: the ends of an edge a trip may use. No allocation.
    public struct Ends: Sendable {
        public var first: (node: UInt32, cost: UInt32)?
        public var last: (node: UInt32, cost: UInt32)?

        /// The pairs present, as an array (for callers off the hot path).
        public var all: [(node: UInt32, cost: UInt32)] { [first, last].compactMap { $0 } }
    }

    /// Search seeds for a facility: each end node from which the facility can be reached along
    /// its edge, with the distance from that node to the facility (access leg included).
    @inline(__always)
    public func seeds(facility p: SnappedPoint) -> Ends {
        let (f, length) = clamped(p)
        let e = Int(p.edge)
        let d = network.edges.directions(of: e)
        var out = Ends()
        // From the first node the facility lies forward; from the last node, backward.
        if d.contains(.forward) || f == 0 { out.first = (network.edges.from[e], p.access &+ f) }
        if d.contains(.backward) || f == length { out.last = (network.edges.to[e], p.access &+ (length - f)) }
        return out
    }

    /// The end nodes an origin can leave its edge by, with the distance from the origin to each.
    @inline(__always)
    public func exits(origin p: SnappedPoint) -> Ends {
        let (s, length) = clamped(p)
        let e = Int(p.edge)
        let d = network.edges.directions(of: e)
        var out = Ends()
        if d.contains(.backward) || s == 0 { out.first = (network.edges.from[e], p.access &+ s) }
        if d.contains(.forward) || s == length { out.last = (network.edges.to[e], p.access &+ (length - s)) }
        return out
    }

    /// The direct trip along a shared edge from an origin to a facility, if its direction is allowed.
    public func direct(origin o: SnappedPoint, facility f: SnappedPoint) -> UInt32? {
        guard o.edge == f.edge else { return nil }
        let (s, _) = clamped(o), (t, _) = clamped(f)
        let d = network.edges.directions(of: Int(o.edge))
        if t >= s, t == s || d.contains(.forward) { return o.access &+ (t - s) &+ f.access }
        if t < s, d.contains(.backward) { return o.access &+ (s - t) &+ f.access }
        return nil
    }
}
