@testable import CircleReport
import CircleSupport
import Foundation
import Testing

/// The byte formatters of the output stages give, bit for bit, the text of the formatting they
/// replaced (`String(format:)`, `String(_:)`, the per-scalar JSON quoting), on random inputs.
@Suite struct OutputFormatterTests {
    /// SplitMix64, so that failures reproduce.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        /// Doubles of every size the outputs meet: travel minutes, metres, shares, tiny and huge values.
        mutating func double() -> Double {
            let unit = Double(next() >> 11) / Double(1 << 53)
            switch below(5) {
            case 0: return unit * 120   // minutes
            case 1: return Double(below(120_000)) / 1000   // exact thousandths
            case 2: return (unit - 0.5) * 2e6
            case 3: return Double(bitPattern: next() & 0x7FEF_FFFF_FFFF_FFFF) * (below(2) == 0 ? 1 : -1)
            default: return unit * pow(10, Double(below(30) - 15))
            }
        }
    }

    /// The old `%.Nf` reference: `String(format:)`, never "-0.000".
    static func printf(_ v: Double, _ decimals: Int) -> String {
        let s = String(format: "%.\(decimals)f", v)
        return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
    }

    @Test func appendDigitsMatchesPaddedString() {
        var r = Random(state: 1)
        for _ in 0..<20_000 {
            let v = r.below(3) == 0 ? UInt64(r.below(1000)) : r.next() >> UInt64(r.below(64))
            let minimum = r.below(24)
            var out: [UInt8] = [0x41]
            Format.appendDigits(v, minimumCount: minimum, to: &out)
            let plain = String(v)
            let expected = String(repeating: "0", count: max(0, minimum - plain.count)) + plain
            #expect(String(decoding: out.dropFirst(), as: UTF8.self) == expected)
        }
        var out: [UInt8] = []
        Format.appendDigits(UInt64.max, minimumCount: 1, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "18446744073709551615")
    }

    @Test func appendFixedAndMinutesMatchPrintf() {
        var r = Random(state: 2)
        for _ in 0..<20_000 {
            let v = r.double()
            for d in [0, 1, 3, 4] {
                var out: [UInt8] = []
                Format.appendFixed(v, decimals: d, to: &out)
                #expect(String(decoding: out, as: UTF8.self) == Self.printf(v, d), "\(v) with \(d) decimals")
            }
            guard v >= 0 else { continue }
            var minutes: [UInt8] = []
            Format.appendMinutes(v, to: &minutes)
            #expect(String(decoding: minutes, as: UTF8.self) == Self.printf(ListedMinutes.roundedUp(v), 3), "\(v) minutes")
        }
    }

    /// The JSON quoting as it was: scalar by scalar, `String(format:)` for the escapes.
    static func oldQuoted(_ s: String) -> String {
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

    @Test func jsonQuotingMatchesTheScalarVersion() {
        let pieces = ["a", "Z", "9", " ", "\"", "\\", "<", ">", "&", "=", ":", "'", "/", "\n", "\t", "\u{0}", "\u{1f}",
                      "\u{7f}", "张江", "·", "\u{2028}", "\u{2029}", "\u{2027}", "\u{202a}", "\u{e2}", "é", "😀", "121.5:31.2"]
        var r = Random(state: 3)
        for _ in 0..<5_000 {
            let s = (0..<r.below(12)).map { _ in pieces[r.below(pieces.count)] }.joined()
            #expect(JSONText.quoted(s) == Self.oldQuoted(s), "\(s.debugDescription)")
        }
        var j = JSONText()
        j.open("{"); j.key("a:b"); j.strings(["x", "</script>"]); j.key("n"); j.numbers([1, -2]); j.close("}")
        #expect(j.text == #"{"a\u003ab":["x","\u003c\u002fscript\u003e"],"n":[1,-2]}"#)
    }

    @Test func joinedFieldMatchesTheJoinedText() {
        let parts = ["clinic", "a,b", "say \"x\"", "", "学校", "line\nbreak"]
        var r = Random(state: 4)
        for _ in 0..<2_000 {
            let chosen = (0..<r.below(5)).map { _ in parts[r.below(parts.count)] }
            var joined = CSVWriter(), byText = CSVWriter()
            joined.field("lead"); joined.field(joining: chosen.map { Array($0.utf8) }, separator: UInt8(ascii: ";"))
            joined.endRow()
            byText.row(["lead", chosen.joined(separator: ";")])
            #expect(joined.bytes == byText.bytes)
        }
        #expect(CSVWriter(rows: Array("a,b\n".utf8)).text == "a,b\n")
    }
}
