import CircleGraph

/// The rules of SPEC §3 for one travel mode, as data: which `highway` values make the network,
/// which only when the mode is explicitly permitted, and how one-way tags apply.
///
/// The tables are listed on docs/rules.md; ``ModeProfile/directions(_:)`` is the only logic.
public struct ModeProfile: Sendable, Hashable {
    public var mode: TravelMode
    /// The mode's own access key: `foot` or `bicycle`.
    public var modeKey: String
    /// `highway` values in the network unless excluded by access tags.
    public var included: Set<String>
    /// `highway` values in the network only when the mode key is permitted.
    public var includedWhenPermitted: Set<String>
    /// Values of the mode key that exclude the way.
    public var forbidden: Set<String>
    /// Whether one-way tags restrict travel.
    public var honoursOneway: Bool

    /// Mode key values that permit the mode, overriding `access`, `motorroad` and class rules.
    public static let permitted: Set<String> = ["yes", "designated", "permissive"]
    /// `access` values that exclude a way unless the mode is permitted.
    public static let restrictiveAccess: Set<String> = ["no", "private"]
    /// `highway` values whose `area=yes` ways are walked along their outline.
    public static let squares: Set<String> = ["pedestrian", "footway"]
    /// One-way values that allow only the way's direction.
    public static let onewayForward: Set<String> = ["yes", "true", "1"]

    static let roadClasses: Set<String> = [
        "primary", "primary_link", "secondary", "secondary_link", "tertiary", "tertiary_link",
        "trunk", "trunk_link", "unclassified", "residential", "living_street", "service", "road", "track",
    ]

    /// Walking (SPEC §3).
    public static let walk = ModeProfile(
        mode: .walk, modeKey: "foot",
        included: roadClasses.union(["pedestrian", "footway", "path", "steps", "cycleway", "bridleway",
                                     "corridor", "elevator"]),
        includedWhenPermitted: ["motorway", "motorway_link"],
        forbidden: ["no", "use_sidepath"],
        honoursOneway: false)

    /// Cycling (SPEC §3).
    public static let cycle = ModeProfile(
        mode: .cycle, modeKey: "bicycle",
        included: roadClasses.union(["cycleway", "path"]),
        includedWhenPermitted: ["footway", "pedestrian", "steps", "bridleway", "corridor", "motorway",
                                "motorway_link"],
        forbidden: ["no", "use_sidepath", "dismount"],
        honoursOneway: true)

    /// The profile of a mode.
    public static func of(_ mode: TravelMode) -> ModeProfile { mode == .walk ? walk : cycle }

    /// The directions in which this mode may travel a way with these tags; empty when excluded.
    public func directions(_ tags: WayTags) -> EdgeDirections {
        guard let highway = tags.highway else { return [] }
        let own = tags[modeKey]
        if let own, forbidden.contains(own) { return [] }
        let isPermitted = own.map { Self.permitted.contains($0) } ?? false
        if tags["area"] == "yes" && !Self.squares.contains(highway) { return [] }
        guard included.contains(highway) || (isPermitted && includedWhenPermitted.contains(highway)) else {
            return []
        }
        if let access = tags["access"], Self.restrictiveAccess.contains(access), !isPermitted { return [] }
        if tags["motorroad"] == "yes" && !isPermitted { return [] }
        return honoursOneway ? Self.cyclingDirections(tags) : .both
    }

    /// One-way rules for cycling: `oneway:bicycle` decides when present; otherwise a `cycleway*`
    /// value starting with `opposite` makes the way two-way; otherwise `oneway` and roundabouts.
    static func cyclingDirections(_ tags: WayTags) -> EdgeDirections {
        if let bike = tags["oneway:bicycle"] { return onewayValue(bike) }
        for key in ["cycleway", "cycleway:left", "cycleway:right", "cycleway:both"] {
            if let v = tags[key], v.hasPrefix("opposite") { return .both }
        }
        if let oneway = tags["oneway"], oneway == "-1" || onewayForward.contains(oneway) {
            return onewayValue(oneway)
        }
        return tags["junction"] == "roundabout" ? .forward : .both
    }

    static func onewayValue(_ v: String) -> EdgeDirections {
        if onewayForward.contains(v) { return .forward }
        if v == "-1" { return .backward }
        return .both
    }
}

/// The profile-relevant tags of one way.
public struct WayTags: Sendable {
    var values: [String: String]

    public init(_ values: [String: String]) { self.values = values }

    public var highway: String? { values["highway"] }
    public subscript(key: String) -> String? { values[key] }
}
