import Foundation

/// Builds RFC 4180 CSV text (UTF-8, `\n` line ends): fields holding a comma, quote or line break
/// are quoted, quotes doubled.
public struct CSVWriter {
    public private(set) var text = ""

    public init(header: [String]) { row(header) }

    /// Appends one row.
    public mutating func row(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { text.append(",") }
            text.append(Self.escape(field))
        }
        text.append("\n")
    }

    static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The CSV as UTF-8 bytes.
    public var data: Data { Data(text.utf8) }
}

/// Number formats used in every output, fixed so that outputs are byte-for-byte reproducible.
public enum Format {
    /// Minutes with three decimals, "" for none.
    public static func minutes(_ m: Double?) -> String { m.map { fixed($0, decimals: 3) } ?? "" }
    /// A share (0…1) with four decimals, "" for none.
    public static func share(_ s: Double?) -> String { s.map { fixed($0, decimals: 4) } ?? "" }
    /// Metres with one decimal, "" for none.
    public static func metres(_ m: Double?) -> String { m.flatMap { $0.isFinite ? fixed($0, decimals: 1) : nil } ?? "" }

    /// `value` with exactly `decimals` digits after the point, as `String(format: "%.Nf")` prints it
    /// (but never "-0.000"): integer arithmetic where the rounding is clear, `String(format:)`
    /// near a halfway point or beyond 10¹⁵ (it is 20× slower, and exact on the binary value).
    public static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let product = value * scale
        let scaled = product.rounded(.toNearestOrAwayFromZero)
        guard scaled.isFinite, abs(scaled) < 1e15, abs(abs(product - product.rounded(.towardZero)) - 0.5) > 1e-6 else {
            let s = String(format: "%.\(decimals)f", value)
            return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
        }
        let n = Int64(scaled)
        let magnitude = n.magnitude
        let unit = UInt64(scale)
        var fraction = String(magnitude % unit)
        if fraction.count < decimals { fraction = String(repeating: "0", count: decimals - fraction.count) + fraction }
        let sign = n < 0 ? "-" : ""
        return decimals == 0 ? sign + String(magnitude) : sign + String(magnitude / unit) + "." + fraction
    }
}
