import Foundation

/// A JSON value for feature properties.
public enum JSONValue: Sendable, Equatable {
    /// The value as compact JSON text (UTF-8), object members in sorted key order.
    public var encoded: [UInt8] {
        var out: [UInt8] = []
        GeoJSONWriter.writeValue(self, into: &out)
        return out
    }

    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer, written exactly.
    case int(Int)
    /// A number, written in Swift's shortest round-trip form; NaN and infinities are written as `null`.
    case number(Double)
    /// A string, escaped as JSON requires.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object; keys are written in sorted order.
    case object([String: JSONValue])
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    /// `null`.
    public init(nilLiteral: ()) { self = .null }
    /// A boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A number.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An array.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// Why a feature could not be written.
public struct GeoJSONWriterError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong, e.g. "position (nan, 31.2) is not finite".
    public var description: String
}

/// Writes an RFC 7946 GeoJSON FeatureCollection of Polygon, MultiPolygon and Point features.
///
/// Positions are `[longitude, latitude]` with exactly 7 decimals (about 1 cm); there is no "crs"
/// member; property keys are sorted, so the same features always give the same bytes. One feature
/// per line. Rings are written as given: pass closed rings with RFC 7946 winding (exteriors
/// counter-clockwise, holes clockwise), as ``GapGeometry`` produces.
public struct GeoJSONWriter: Sendable {
    private var body: [UInt8] = []
    /// The number of features added so far.
    public private(set) var featureCount = 0

    /// An empty collection.
    public init() {}

    /// Adds a Polygon feature for one polygon, or a MultiPolygon feature for none or several.
    ///
    /// - Throws: ``GeoJSONWriterError`` for a position that is not finite or a ring whose
    ///   longitude and latitude counts differ; nothing is added then.
    public mutating func addPolygons(_ polygons: [AreaPolygon], properties: [String: JSONValue] = [:]) throws {
        var geometry: [UInt8] = []
        if polygons.count == 1 {
            geometry.append(contentsOf: #"{"type":"Polygon","coordinates":"#.utf8)
            try Self.writePolygon(polygons[0], into: &geometry)
        } else {
            geometry.append(contentsOf: #"{"type":"MultiPolygon","coordinates":["#.utf8)
            for (i, polygon) in polygons.enumerated() {
                if i > 0 { geometry.append(UInt8(ascii: ",")) }
                try Self.writePolygon(polygon, into: &geometry)
            }
            geometry.append(UInt8(ascii: "]"))
        }
        geometry.append(UInt8(ascii: "}"))
        addFeature(geometry: geometry, properties: properties)
    }

    /// Adds a Point feature.
    ///
    /// - Throws: ``GeoJSONWriterError`` when `lon` or `lat` is not finite; nothing is added then.
    public mutating func addPoint(lon: Double, lat: Double, properties: [String: JSONValue] = [:]) throws {
        var geometry = Array(#"{"type":"Point","coordinates":"#.utf8)
        try Self.writePosition(lon, lat, into: &geometry)
        geometry.append(UInt8(ascii: "}"))
        addFeature(geometry: geometry, properties: properties)
    }

    /// Adds a Point feature whose properties are written in the order given, without sorting:
    /// pass keys in sorted order (and without repeats) to get the bytes that
    /// ``addPoint(lon:lat:properties:)`` writes for the same members.
    ///
    /// - Throws: ``GeoJSONWriterError`` when `lon` or `lat` is not finite; nothing is added then.
    public mutating func addPoint(lon: Double, lat: Double, orderedProperties: KeyValuePairs<String, JSONValue>) throws {
        guard lon.isFinite, lat.isFinite else {
            throw GeoJSONWriterError(description: "position (\(lon), \(lat)) is not finite")
        }
        beginFeature()
        body.append(UInt8(ascii: "{"))
        for (i, member) in orderedProperties.enumerated() {
            if i > 0 { body.append(UInt8(ascii: ",")) }
            Self.writeString(member.key, into: &body)
            body.append(UInt8(ascii: ":"))
            Self.writeValue(member.value, into: &body)
        }
        body.append(contentsOf: #"},"geometry":{"type":"Point","coordinates":"#.utf8)
        try Self.writePosition(lon, lat, into: &body)
        body.append(contentsOf: "}}".utf8)
    }

    /// Adds a Point feature whose properties `write` adds member by member, in the order it adds
    /// them, without sorting and without building ``JSONValue``s: add keys in sorted order (and
    /// without repeats) to get the bytes that ``addPoint(lon:lat:properties:)`` writes for the
    /// same members.
    ///
    /// - Throws: ``GeoJSONWriterError`` when `lon` or `lat` is not finite; nothing is added then
    ///   (and `write` is not called).
    public mutating func addPoint(lon: Double, lat: Double, writing write: (inout GeoJSONProperties) -> Void) throws {
        guard lon.isFinite, lat.isFinite else {
            throw GeoJSONWriterError(description: "position (\(lon), \(lat)) is not finite")
        }
        beginFeature()
        var properties = GeoJSONProperties(bytes: body)
        body = []
        properties.bytes.append(UInt8(ascii: "{"))
        write(&properties)
        body = properties.bytes
        properties.bytes = []
        body.append(contentsOf: #"},"geometry":{"type":"Point","coordinates":"#.utf8)
        try Self.writePosition(lon, lat, into: &body)
        body.append(contentsOf: "}}".utf8)
    }

    /// Appends every feature of `other` (already formatted) to this collection.
    public mutating func append(contentsOf other: GeoJSONWriter) {
        guard other.featureCount > 0 else { return }
        if featureCount > 0 { body.append(UInt8(ascii: ",")) }
        body.append(contentsOf: other.body)
        featureCount += other.featureCount
    }

    /// The complete FeatureCollection as UTF-8 JSON.
    public var data: Data { Self.data(joining: [self]) }

    /// The features added so far, as ``data`` holds them: each begins on a line of its own, and
    /// two are joined by ",". A collection is ``collectionStart``, the features, ``collectionEnd``.
    public var features: [UInt8] { body }

    /// What precedes a FeatureCollection's features.
    public static let collectionStart = Array(#"{"type":"FeatureCollection","features":["#.utf8)
    /// What follows them.
    public static let collectionEnd = Array("\n]}\n".utf8)

    /// One FeatureCollection holding the features of every writer in `parts`, in order: the bytes
    /// of ``data`` after appending them all to one writer, without building that writer.
    public static func data(joining parts: [GeoJSONWriter]) -> Data {
        let head = collectionStart, tail = collectionEnd
        let filled = parts.filter { $0.featureCount > 0 }
        var out = Data(capacity: head.count + filled.reduce(0) { $0 + $1.body.count + 1 } + tail.count)
        out.append(contentsOf: head)
        for (i, part) in filled.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: part.body)
        }
        out.append(contentsOf: tail)
        return out
    }

    /// Writes ``data`` to `url`, atomically.
    public func write(to url: URL) throws {
        try data.write(to: url, options: .atomic)
    }

    private mutating func addFeature(geometry: [UInt8], properties: [String: JSONValue]) {
        beginFeature()
        Self.writeValue(.object(properties), into: &body)
        body.append(contentsOf: ",\"geometry\":".utf8)
        body.append(contentsOf: geometry)
        body.append(UInt8(ascii: "}"))
    }

    /// Counts a feature and writes what precedes its properties.
    private mutating func beginFeature() {
        if featureCount > 0 { body.append(UInt8(ascii: ",")) }
        body.append(contentsOf: "\n{\"type\":\"Feature\",\"properties\":".utf8)
        featureCount += 1
    }

    // MARK: Coordinates

    private static func writePolygon(_ polygon: AreaPolygon, into out: inout [UInt8]) throws {
        out.append(UInt8(ascii: "["))
        for (r, ring) in polygon.rings.enumerated() {
            guard ring.lon.count == ring.lat.count else {
                throw GeoJSONWriterError(
                    description: "a ring has \(ring.lon.count) longitudes but \(ring.lat.count) latitudes")
            }
            if r > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            for k in ring.lon.indices {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                try writePosition(ring.lon[k], ring.lat[k], into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func writePosition(_ lon: Double, _ lat: Double, into out: inout [UInt8]) throws {
        guard lon.isFinite, lat.isFinite else {
            throw GeoJSONWriterError(description: "position (\(lon), \(lat)) is not finite")
        }
        out.append(UInt8(ascii: "["))
        writeFixed7(lon, into: &out)
        out.append(UInt8(ascii: ","))
        writeFixed7(lat, into: &out)
        out.append(UInt8(ascii: "]"))
    }

    /// `value` rounded to 7 decimals (half away from zero), always with 7 digits after the point;
    /// no sign when it rounds to zero.
    static func writeFixed7(_ value: Double, into out: inout [UInt8]) {
        guard abs(value) < 1e11 else {
            out.append(contentsOf: String(format: "%.7f", value).utf8)
            return
        }
        let scaled = UInt64((abs(value) * 1e7).rounded(.toNearestOrAwayFromZero))
        if scaled != 0 && value < 0 { out.append(UInt8(ascii: "-")) }
        // The integer part (most often one to three digits), the point, then seven digits, in order.
        let zero = UInt8(ascii: "0")
        let whole = scaled / 10_000_000
        if whole < 10 {
            out.append(zero + UInt8(whole))
        } else if whole < 100 {
            out.append(zero + UInt8(whole / 10))
            out.append(zero + UInt8(whole % 10))
        } else if whole < 1000 {
            out.append(zero + UInt8(whole / 100))
            out.append(zero + UInt8(whole / 10 % 10))
            out.append(zero + UInt8(whole % 10))
        } else {
            out.append(contentsOf: String(whole).utf8)
        }
        out.append(UInt8(ascii: "."))
        let f = UInt32(scaled % 10_000_000)
        out.append(zero + UInt8(f / 1_000_000))
        out.append(zero + UInt8(f / 100_000 % 10))
        out.append(zero + UInt8(f / 10_000 % 10))
        out.append(zero + UInt8(f / 1_000 % 10))
        out.append(zero + UInt8(f / 100 % 10))
        out.append(zero + UInt8(f / 10 % 10))
        out.append(zero + UInt8(f % 10))
    }

    // MARK: Properties

    static func writeValue(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .number(let d): out.append(contentsOf: (d.isFinite ? d.description : "null").utf8)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeValue(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                writeValue(members[key]!, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Whether `utf8` holds a byte that JSON strings escape.
    @inline(__always)
    static func needsEscaping(_ utf8: String.UTF8View) -> Bool {
        for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
        return false
    }

    static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let utf8 = string.utf8
        guard needsEscaping(utf8) else {
            out.append(contentsOf: utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                let low = byte & 15
                out.append(UInt8(ascii: "0") + (byte >> 4))
                out.append(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// A JSON object key, escaped once: `"key":`.
public struct JSONKey: Sendable {
    let bytes: [UInt8]

    /// The key `name`.
    public init(_ name: String) {
        var b: [UInt8] = []
        GeoJSONWriter.writeString(name, into: &b)
        b.append(UInt8(ascii: ":"))
        bytes = b
    }
}

/// A JSON string value, escaped once, for values written many times.
public struct JSONString: Sendable {
    let bytes: [UInt8]

    /// The string `value`.
    public init(_ value: String) {
        var b: [UInt8] = []
        GeoJSONWriter.writeString(value, into: &b)
        bytes = b
    }
}

/// The members of one feature's properties object, written in the order they are added (see
/// ``GeoJSONWriter/addPoint(lon:lat:writing:)``). Each method writes what ``JSONValue`` writes for
/// the same value.
public struct GeoJSONProperties {
    var bytes: [UInt8]
    private var members = 0
    private var elements = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func key(_ key: JSONKey) {
        if members > 0 { bytes.append(UInt8(ascii: ",")) }
        members += 1
        bytes.append(contentsOf: key.bytes)
    }

    /// A string member (`.string(value)`).
    public mutating func add(_ key: JSONKey, string value: String) {
        self.key(key)
        GeoJSONWriter.writeString(value, into: &bytes)
    }

    /// A string member escaped beforehand.
    public mutating func add(_ key: JSONKey, string value: JSONString) {
        self.key(key)
        bytes.append(contentsOf: value.bytes)
    }

    /// A number member (`.number(value)`), `null` for nil.
    public mutating func add(_ key: JSONKey, number value: Double?) {
        self.key(key)
        if let value, value.isFinite { bytes.append(contentsOf: value.description.utf8) } else { bytes.append(contentsOf: "null".utf8) }
    }

    /// Starts an array member; add its strings with ``element(_:)``, then call ``endArray()``.
    public mutating func beginArray(_ key: JSONKey) {
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        elements = 0
    }

    /// A string in the array begun last.
    public mutating func element(_ value: JSONString) {
        if elements > 0 { bytes.append(UInt8(ascii: ",")) }
        elements += 1
        bytes.append(contentsOf: value.bytes)
    }

    /// Ends the array begun last.
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")) }
}
