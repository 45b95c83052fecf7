import Foundation

/// Builds RFC 4180 CSV text (UTF-8, `\n` line ends) in a byte buffer: fields holding a comma,
/// quote or line break are quoted, quotes doubled. A table begun with its header
/// (``init(header:)``) starts with the UTF-8 byte order mark, so that Excel opens Chinese text
/// correctly (docs/outputs.md).
///
/// Rows are added whole with ``row(_:)``, or field by field (``field(_:)`` and its overloads)
/// and closed with ``endRow()``; both give the same bytes.
public struct CSVWriter {
    /// The CSV so far, as UTF-8 bytes.
    public private(set) var bytes: [UInt8] = []
    private var rowIsEmpty = true

    /// The UTF-8 byte order mark (EF BB BF) every CSV file we write starts with.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// A writer holding the byte order mark and the header row: the start of a CSV file.
    public init(header: [String]) {
        bytes = Self.byteOrderMark
        row(header)
    }

    /// A writer holding no rows (a part of a table, to be appended to one with a header).
    public init() {}

    /// A writer holding `rows`, whole rows already in CSV form, each ended by a line break (a
    /// part of a table formatted by the caller).
    public init(rows: [UInt8]) {
        bytes = rows
    }

    /// The CSV so far as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The CSV as UTF-8 bytes.
    public var data: Data { Data(bytes) }

    /// Reserves room for `count` bytes in all.
    public mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

    /// Appends one row.
    public mutating func row(_ fields: [String]) {
        for field in fields { self.field(field) }
        endRow()
    }

    /// Appends one field (escaped as needed) to the current row.
    public mutating func field(_ text: String) {
        separate()
        Self.appendEscaped(text, to: &bytes)
    }

    /// Appends a whole number as one field.
    public mutating func field(_ number: Int) {
        separate()
        Format.appendDecimal(number, to: &bytes)
    }

    /// Appends a field already in CSV form (from ``escaped(_:)``, or text needing no quotes).
    public mutating func field(escaped: [UInt8]) {
        separate()
        bytes.append(contentsOf: escaped)
    }

    /// Appends a number with exactly `decimals` digits after the point as one field, as
    /// ``Format/fixed(_:decimals:)`` writes it; nil gives an empty field.
    public mutating func field(_ value: Double?, decimals: Int) {
        separate()
        if let value { Format.appendFixed(value, decimals: decimals, to: &bytes) }
    }

    /// Appends a travel time in minutes as one field, as ``Format/minutes(_:)`` writes it (three
    /// decimals rounded up, SPEC §8); nil gives an empty field.
    public mutating func field(minutes: Double?) {
        separate()
        Format.appendMinutes(minutes, to: &bytes)
    }

    /// Appends one field made of `parts` joined by `separator` (escaped as needed), as
    /// ``field(_:)`` of the joined text writes it, without building that text.
    public mutating func field(joining parts: [[UInt8]], separator: UInt8) {
        separate()
        if !Self.needsQuotes(separator), !parts.contains(where: { $0.contains(where: Self.needsQuotes) }) {
            // Nothing to quote: the parts go straight in.
            for (k, part) in parts.enumerated() {
                if k > 0 { bytes.append(separator) }
                bytes.append(contentsOf: part)
            }
            return
        }
        var joined: [UInt8] = []
        joined.reserveCapacity(parts.reduce(parts.count) { $0 + $1.count })
        for (k, part) in parts.enumerated() {
            if k > 0 { joined.append(separator) }
            joined.append(contentsOf: part)
        }
        joined.withUnsafeBufferPointer { Self.appendEscaped(utf8: $0, to: &bytes) }
    }

    /// Ends the current row.
    public mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        rowIsEmpty = true
    }

    /// `field` in CSV form: quoted, with quotes doubled, when it holds a comma, quote or line break.
    public static func escaped(_ field: String) -> [UInt8] {
        var out: [UInt8] = []
        appendEscaped(field, to: &out)
        return out
    }

    private mutating func separate() {
        if !rowIsEmpty { bytes.append(UInt8(ascii: ",")) }
        rowIsEmpty = false
    }

    private static func appendEscaped(_ field: String, to out: inout [UInt8]) {
        var field = field
        field.withUTF8 { appendEscaped(utf8: $0, to: &out) }
    }

    /// Whether `byte` makes a field need quotes: a comma, quote or line break.
    @inline(__always)
    private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D
    }

    private static func appendEscaped(utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard utf8.contains(where: needsQuotes) else {
            out.append(contentsOf: utf8)
            return
        }
        out.append(0x22)
        for byte in utf8 {
            out.append(byte)
            if byte == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
    }
}
