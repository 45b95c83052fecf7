import CircleGeo
import CircleGraph
import CircleInput
import Foundation

/// Counts describing one mode's network, as `circle inspect` prints them.
public struct NetworkStatistics: Sendable, Codable, Equatable {
    public var mode: String
    public var nodes: Int
    public var edges: Int
    public var arcs: Int
    public var kilometres: Double
    public var components: Int
    public var eligibleComponents: Int
    public var eligibleNodes: Int
    public var largestComponentNodes: Int
    /// Edges travelled in one direction only (always 0 for walking).
    public var oneWayEdges: Int

    public init(_ n: RoadNetwork) {
        mode = n.mode.rawValue
        nodes = n.nodes.count
        edges = n.edges.count
        arcs = n.forward.arcCount
        kilometres = n.kilometres
        components = n.components.count
        eligibleComponents = n.components.eligible.filter { $0 }.count
        eligibleNodes = zip(n.components.size, n.components.eligible).reduce(0) { $0 + ($1.1 ? Int($1.0) : 0) }
        largestComponentNodes = Int(n.components.size.max() ?? 0)
        oneWayEdges = n.edges.directions.filter { $0 != EdgeDirections.both.rawValue }.count
    }
}

/// How the points of a file meet one mode's network.
public struct SnapStatistics: Sendable, Codable, Equatable {
    public var mode: String
    public var points: Int
    public var snapped: Int
    public var tooFar: Int
    public var noEligibleEdge: Int
    public var atNode: Int
    /// Access distances of snapped points, metres.
    public var medianAccess: Double
    public var p95Access: Double
    public var maxAccess: Double

    /// Snaps every point and summarises; snapping runs on all cores.
    public init(points: [InputPoint], snapper: Snapper) {
        let snaps = snapper.snapAll(points.map { ($0.lon, $0.lat) })
        mode = snapper.network.mode.rawValue
        self.points = points.count
        snapped = snaps.filter { $0.status == .snapped }.count
        tooFar = snaps.filter { $0.status == .tooFar }.count
        noEligibleEdge = snaps.filter { $0.status == .noEligibleEdge }.count
        atNode = snaps.filter { $0.node != nil }.count
        let access = snaps.filter { $0.status == .snapped }.map(\.accessDistance).sorted()
        func quantile(_ q: Double) -> Double {
            access.isEmpty ? 0 : access[min(access.count - 1, Int((Double(access.count - 1) * q).rounded()))]
        }
        medianAccess = quantile(0.5)
        p95Access = quantile(0.95)
        maxAccess = access.last ?? 0
    }
}
