import CircleSupport

/// A located point read from an input file, with its attributes as text.
public struct InputPoint: Sendable, Equatable {
    /// The point's id (the `id` column or property), else its 1-based position in the file.
    public var id: String
    public var lon: Double
    public var lat: Double
    /// Every other column or property, as text, keyed by its name trimmed and lowercased.
    public var attributes: [String: String]
    /// Where it came from, for messages: "line 12" or "feature 3".
    public var location: String
    /// Already converted to WGS84 (points sampled along a polygon in another system).
    var converted = false

    public init(id: String, lon: Double, lat: Double, attributes: [String: String] = [:], location: String) {
        self.id = id
        self.lon = lon
        self.lat = lat
        self.attributes = attributes
        self.location = location
    }
}

/// Why an input file could not be read: names the file, the line or feature, and the field.
public typealias InputError = LocatedError
