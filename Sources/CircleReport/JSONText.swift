import Foundation

/// JSON written for a `<script type="application/json">` block: strings escape `<`, `>`, `&`, `=`,
/// `:`, `'` and `/` as `\uXXXX`, so that no `</script>`, URL or attribute can appear in the page's
/// text. Built as UTF-8 bytes: no `String` per value.
struct JSONText {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    /// The JSON so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func open(_ bracket: String) {
        separate()
        bytes.append(contentsOf: bracket.utf8)
        needsComma = false
    }

    mutating func close(_ bracket: String) {
        bytes.append(contentsOf: bracket.utf8)
        needsComma = true
    }

    mutating func key(_ k: String) {
        separate()
        Self.appendQuoted(k, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ s: String) { separate(); Self.appendQuoted(s, to: &bytes); needsComma = true }
    mutating func bool(_ b: Bool) { separate(); bytes.append(contentsOf: (b ? "true" : "false").utf8); needsComma = true }

    /// A finite number in the shortest form that reads back equal; null otherwise.
    mutating func number(_ v: Double) {
        separate()
        bytes.append(contentsOf: (v.isFinite ? Format.number(v) : "null").utf8)
        needsComma = true
    }

    mutating func strings(_ list: [String]) {
        open("[")
        for s in list { string(s) }
        close("]")
    }

    /// `count` strings, the k-th given by `element(k)`: a list without an array of its own.
    mutating func strings(_ count: Int, _ element: (Int) -> String) {
        open("[")
        for k in 0..<count { string(element(k)) }
        close("]")
    }

    /// Members of an object written by another ``JSONText`` from its start (`"k":v,"k2":v2`),
    /// appended as its own members would be.
    mutating func members(_ fragment: [UInt8]) {
        guard !fragment.isEmpty else { return }
        separate()
        bytes.append(contentsOf: fragment)
        needsComma = true
    }

    mutating func numbers(_ list: [Int]) {
        open("[")
        for (k, v) in list.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            Format.appendDecimal(v, to: &bytes)
        }
        close("]")
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = false
    }

    /// `s` as a JSON string: quoted, `"` and `\` escaped with a backslash; `<`, `>`, `&`, `=`,
    /// `:`, `'`, `/`, control characters, U+2028 and U+2029 as `\u` and four lowercase hex digits.
    static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``quoted(_:)`` of `s` to `out` as UTF-8.
    ///
    /// - Complexity: O(`s.utf8.count`).
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        let care = needsCare
        s.withUTF8 { utf8 in
            var k = 0
            let n = utf8.count
            while k < n {
                // A run of bytes written as they are, appended in one piece.
                var end = k
                while end < n && !care[Int(utf8[end])] { end += 1 }
                if end > k {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[k..<end]))
                    k = end
                    if k == n { break }
                }
                let b = utf8[k]
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    out.append(UInt8(ascii: "\\"))
                    out.append(b)
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "="), UInt8(ascii: ":"),
                     UInt8(ascii: "'"), UInt8(ascii: "/"), 0..<0x20:
                    appendEscape(UInt32(b), to: &out)
                case 0xE2 where k + 2 < n && utf8[k + 1] == 0x80 && (utf8[k + 2] == 0xA8 || utf8[k + 2] == 0xA9):
                    // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR (E2 80 A8/A9).
                    appendEscape(utf8[k + 2] == 0xA8 ? 0x2028 : 0x2029, to: &out)
                    k += 2
                default:
                    out.append(b)
                }
                k += 1
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The bytes ``appendQuoted(_:to:)`` may not copy as they are: quote, backslash, `<>&=:'/`,
    /// control characters, and 0xE2 (which starts U+2028 and U+2029).
    private static let needsCare: [Bool] = (0..<256).map { b in
        b < 0x20 || b == 0xE2 || "\"\\<>&=:'/".utf8.contains(UInt8(b))
    }

    /// `\u` and `value` in four lowercase hex digits.
    private static func appendEscape(_ value: UInt32, to out: inout [UInt8]) {
        let digits: StaticString = "0123456789abcdef"
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "u"))
        digits.withUTF8Buffer { d in
            for shift in stride(from: 12, through: 0, by: -4) { out.append(d[Int((value >> UInt32(shift)) & 0xF)]) }
        }
    }
}
