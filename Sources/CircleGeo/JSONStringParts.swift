/// Strings escaped once for JSON (without their quotes), for string values that join some of
/// them, e.g. item ids joined with ";".
public struct JSONStringParts: Sendable {
    let parts: [[UInt8]]

    /// The strings `strings`, escaped.
    public init(_ strings: [String]) {
        parts = strings.map { s in
            var b: [UInt8] = []
            GeoJSONWriter.writeString(s, into: &b)
            return Array(b.dropFirst().dropLast())
        }
    }

    /// The number of strings.
    public var count: Int { parts.count }

    /// The strings at `indices` joined by ";", as a JSON string value: the bytes
    /// `JSONString(joined)` holds (escaping works byte by byte, and ";" needs none).
    public func joined(_ indices: [Int]) -> JSONString {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for (k, i) in indices.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: ";")) }
            bytes.append(contentsOf: parts[i])
        }
        bytes.append(UInt8(ascii: "\""))
        return JSONString(escaped: bytes)
    }

    /// The strings whose index `include` accepts, in order, joined by ";" (as ``joined(_:)``).
    public func joined(where include: (Int) -> Bool) -> JSONString {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        var first = true
        for i in parts.indices where include(i) {
            if !first { bytes.append(UInt8(ascii: ";")) }
            first = false
            bytes.append(contentsOf: parts[i])
        }
        bytes.append(UInt8(ascii: "\""))
        return JSONString(escaped: bytes)
    }
}

extension JSONString {
    /// A value already escaped and quoted.
    init(escaped bytes: [UInt8]) { self.bytes = bytes }
}
