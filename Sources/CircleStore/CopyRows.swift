/// Rows in PostgreSQL's COPY text format (tab-separated, `\N` for null, backslash escapes), built
/// in memory and sent with ``PostgresConnection/copy(_:rows:)``.
public struct CopyRows: Sendable {
    /// The encoded rows.
    public private(set) var bytes: [UInt8] = []
    private var fieldsInRow = 0
    /// The first field of every row, with its tab (the run's id), or nothing.
    private let rowPrefix: [UInt8]

    /// An empty set of rows whose every row starts with the field `firstField` (unescaped: a number).
    public init(firstField: String? = nil) {
        rowPrefix = firstField.map { Array(($0 + "\t").utf8) } ?? []
    }

    /// Reserves room for about `count` bytes.
    public mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

    private mutating func separate() {
        if fieldsInRow > 0 { bytes.append(0x09) } else { bytes.append(contentsOf: rowPrefix) }
        fieldsInRow += 1
    }

    /// A text field (nil: null), escaped.
    public mutating func text(_ value: String?) {
        separate()
        guard let value else { bytes.append(contentsOf: [0x5C, 0x4E]); return }
        for b in value.utf8 {
            switch b {
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            default: bytes.append(b)
            }
        }
    }

    /// A field that needs no escaping (numbers, booleans, WKT), as given.
    private mutating func plain(_ value: String) {
        separate()
        bytes.append(contentsOf: value.utf8)
    }

    /// A whole number.
    public mutating func int(_ value: Int) { plain(String(value)) }

    /// A number (nil or not finite: null), written so that it reads back as the same double.
    public mutating func double(_ value: Double?) {
        guard let value, value.isFinite else { text(nil); return }
        plain("\(value)")
    }

    /// A boolean (nil: null).
    public mutating func bool(_ value: Bool?) {
        guard let value else { text(nil); return }
        plain(value ? "t" : "f")
    }

    /// A `text[]` field: the array literal, each element quoted.
    public mutating func textArray(_ values: [String]) { text(Self.arrayLiteral(values)) }

    /// The `text[]` literal of `values`: `{"a","b"}`, each element quoted and escaped.
    static func arrayLiteral(_ values: [String]) -> String {
        var bytes: [UInt8] = [0x7B]   // {
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            bytes.append(0x22)
            for b in v.utf8 {
                if b == 0x5C || b == 0x22 { bytes.append(0x5C) }   // \ and " escaped with a backslash
                bytes.append(b)
            }
            bytes.append(0x22)
        }
        bytes.append(0x7D)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A point geometry in SRID 4326 (EWKT, which PostGIS reads in COPY).
    public mutating func point(lon: Double, lat: Double) {
        plain("SRID=4326;POINT(\(lon) \(lat))")
    }

    /// Ends the current row.
    public mutating func endRow() {
        bytes.append(0x0A)
        fieldsInRow = 0
    }
}
