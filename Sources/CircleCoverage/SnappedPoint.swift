import CircleGeo
import CircleGraph

/// A point on the network as the search needs it: edge, position along it and access leg, all
/// in centimetres.
public struct SnappedPoint: Sendable, Equatable {
    public var edge: UInt32
    /// Centimetres from the edge's first node.
    public var offset: UInt32
    /// Centimetres of the straight access leg.
    public var access: UInt32

    public init(edge: UInt32, offset: UInt32, access: UInt32) {
        self.edge = edge
        self.offset = offset
        self.access = access
    }

    /// The search form of a snap, or nil when the point did not snap.
    public init?(_ snap: Snap) {
        guard snap.status == .snapped else { return nil }
        self.init(edge: snap.edge, offset: Centimetres.from(metres: snap.offset),
                  access: Centimetres.from(metres: snap.accessDistance))
    }
}
