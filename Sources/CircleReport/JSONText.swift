import Foundation

/// JSON written for a `<script type="application/json">` block: strings escape `<`, `>`, `&`, `=`,
/// `:` and `'` as `\uXXXX`, so that no `</script>`, URL or attribute can appear in the page's text.
struct JSONText {
    private(set) var text = ""
    private var needsComma = false

    mutating func open(_ bracket: String) {
        separate()
        text += bracket
        needsComma = false
    }

    mutating func close(_ bracket: String) {
        text += bracket
        needsComma = true
    }

    mutating func key(_ k: String) {
        separate()
        text += Self.quoted(k) + ":"
        needsComma = false
    }

    mutating func string(_ s: String) { separate(); text += Self.quoted(s); needsComma = true }
    mutating func bool(_ b: Bool) { separate(); text += b ? "true" : "false"; needsComma = true }

    /// A finite number in the shortest form that reads back equal; null otherwise.
    mutating func number(_ v: Double) {
        separate()
        text += v.isFinite ? Format.number(v) : "null"
        needsComma = true
    }

    mutating func strings(_ list: [String]) {
        open("[")
        for s in list { string(s) }
        close("]")
    }

    mutating func numbers(_ list: [Int]) {
        open("[")
        var bytes: [UInt8] = []
        for (k, v) in list.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            Format.appendDecimal(v, to: &bytes)
        }
        text += String(decoding: bytes, as: UTF8.self)
        close("]")
    }

    private mutating func separate() {
        if needsComma { text += "," }
        needsComma = false
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "<", ">", "&", "=", ":", "'", "/":
                out += String(format: "\\u%04x", u.value)
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 { out += String(format: "\\u%04x", u.value) } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
