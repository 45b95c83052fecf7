import CircleGraph

/// Distances in whole centimetres: every length the coverage search adds up (arcs, offsets along
/// edges, access legs) is rounded to a centimetre, so sums are exact integers and the search can
/// use a bucket queue. One walk or cycle trip is then off by well under a centimetre per edge.
public enum Centimetres {
    /// Rounds metres to centimetres, saturating at `UInt32.max - 1` (42,949 km).
    @inlinable
    public static func from(metres: Double) -> UInt32 {
        let cm = (metres * 100).rounded()
        return cm >= Double(UInt32.max - 1) ? UInt32.max - 1 : UInt32(max(0, cm))
    }
}

/// Arc weights in centimetres for a network's forward and backward search graphs.
public struct ArcWeights: Sendable {
    public let forward: [UInt32]
    public let backward: [UInt32]

    public init(_ network: RoadNetwork) {
        let edgeCm = network.edges.length.map(Centimetres.from(metres:))
        forward = network.forward.edge.map { edgeCm[Int($0)] }
        backward = network.forward == network.backward ? forward : network.backward.edge.map { edgeCm[Int($0)] }
    }
}
