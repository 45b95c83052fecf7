/// How an origin's residents travel: on foot or by bicycle.
///
/// Walking ignores one-way rules; cycling honours them (SPEC §3), so a cycling network has
/// distinct forward and reverse search graphs.
public enum TravelMode: String, Sendable, CaseIterable, Codable, Hashable {
    case walk
    case cycle
}

/// The directions in which an edge may be travelled, relative to its own node order.
public struct EdgeDirections: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// From the edge's first node to its last node.
    public static let forward = EdgeDirections(rawValue: 1)
    /// From the edge's last node to its first node.
    public static let backward = EdgeDirections(rawValue: 2)
    /// Both ways.
    public static let both: EdgeDirections = [.forward, .backward]

    /// The same directions seen from the other end of the edge.
    public var reversed: EdgeDirections {
        var r: EdgeDirections = []
        if contains(.forward) { r.insert(.backward) }
        if contains(.backward) { r.insert(.forward) }
        return r
    }
}
