import Foundation

/// Builds RFC 4180 CSV text (UTF-8, `\n` line ends): fields holding a comma, quote or line break
/// are quoted, quotes doubled.
public struct CSVWriter {
    public private(set) var text = ""

    public init(header: [String]) { row(header) }

    /// Appends one row.
    public mutating func row(_ fields: [String]) {
        text += fields.map(Self.escape).joined(separator: ",")
        text += "\n"
    }

    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The CSV as UTF-8 bytes.
    public var data: Data { Data(text.utf8) }
}

/// Number formats used in every output, fixed so that outputs are byte-for-byte reproducible.
public enum Format {
    /// Minutes with three decimals, "" for none.
    public static func minutes(_ m: Double?) -> String { m.map { String(format: "%.3f", $0) } ?? "" }
    /// A share (0…1) with four decimals, "" for none.
    public static func share(_ s: Double?) -> String { s.map { String(format: "%.4f", $0) } ?? "" }
    /// Metres with one decimal, "" for none.
    public static func metres(_ m: Double?) -> String { m.flatMap { $0.isFinite ? String(format: "%.1f", $0) : nil } ?? "" }
}
