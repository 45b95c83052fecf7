import Foundation

/// Text formats of the report: fixed, locale-independent, so equal models give equal files.
enum ReportFormat {
    /// `0.8523` → `85.2%`; nil or not finite → the "empty" mark.
    static func percent(_ share: Double?, empty: String = "—") -> String {
        guard let share, share.isFinite else { return empty }
        return Format.fixed(share * 100, decimals: 1) + "%"
    }

    /// A whole number with thousands separators: `1234567` → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return value < 0 ? "-" + out : out
    }

    /// A population, rounded to a whole number, grouped.
    static func population(_ value: Double?, empty: String = "—") -> String {
        guard let value, value.isFinite else { return empty }
        return grouped(Int(value.rounded()))
    }

    /// A population for a headline card: `1,234,567` in English, `123.5万` in Chinese from 10,000 up.
    static func populationCard(_ value: Double?, lang: ReportLanguage, empty: String = "—") -> String {
        guard let value, value.isFinite else { return empty }
        if lang == .zh && value >= 10_000 { return Format.fixed(value / 10_000, decimals: 1) + "万" }
        return population(value)
    }

    /// A signed number: `+2.5`, `-3`, `0` (never `-0`).
    static func signed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "—" }
        let text = Format.fixed(abs(value), decimals: decimals)
        if Double(text) == 0 { return Format.fixed(0, decimals: decimals) }
        return (value > 0 ? "+" : "−") + text
    }

    /// Minutes without a needless fraction: `15` → `15`, `12.5` → `12.5`.
    static func minutes(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        return value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : Format.fixed(value, decimals: 1)
    }

    /// A byte count: `B`, `KB`, `MB`, `GB` with one decimal (1024-based).
    static func bytes(_ value: UInt64?) -> String {
        guard let value else { return "—" }
        if value < 1024 { return "\(value) B" }
        var v = Double(value) / 1024
        for unit in ["KB", "MB", "GB"] {
            if v < 1024 || unit == "GB" { return Format.fixed(v, decimals: 1) + " " + unit }
            v /= 1024
        }
        return "\(value) B"
    }

    /// A sort key for a table cell: six decimals, locale-free.
    static func key(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return Format.fixed(value, decimals: 6)
    }
}

/// The red → yellow → green scale (ColorBrewer RdYlGn end points) for scores and shares 0…1.
enum ScoreColor {
    static let stops: [(Double, (Double, Double, Double))] = [
        (0.0, (215, 48, 39)), (0.5, (254, 224, 139)), (1.0, (26, 152, 80)),
    ]
    /// The colour for `value` (clamped to 0…1) as `#rrggbb`; grey for nil.
    static func hex(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "#9e9e9e" }
        let v = min(max(value, 0), 1)
        let (a, b) = v <= 0.5 ? (stops[0], stops[1]) : (stops[1], stops[2])
        let t = (v - a.0) / (b.0 - a.0)
        func mix(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * t).rounded()) }
        return hexString(mix(a.1.0, b.1.0), mix(a.1.1, b.1.1), mix(a.1.2, b.1.2))
    }

    static func hexString(_ r: Int, _ g: Int, _ b: Int) -> String {
        var s: [UInt8] = [UInt8(ascii: "#")]
        for c in [r, g, b] {
            let v = min(max(c, 0), 255)
            s.append(hexDigits[v / 16])
            s.append(hexDigits[v % 16])
        }
        return String(decoding: s, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

extension HTMLReport {
    /// Escapes text for HTML content and attribute values: `& < > " '`, and the `:` of `://` so that
    /// no text (a note quoting a web page, a path) ever reads as a URL in the file.
    public static func escape(_ text: String) -> String {
        let special: (UInt8) -> Bool = { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0x3A }
        guard text.utf8.contains(where: special) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case ":" where i + 2 < scalars.count && scalars[i + 1] == "/" && scalars[i + 2] == "/": out += "&#58;"
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }
}
