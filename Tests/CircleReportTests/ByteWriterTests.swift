@testable import CircleReport
import Foundation
import Testing

/// The byte-buffer writers give the same text as the String-based formats they replace.
@Suite struct ByteWriterTests {
    @Test func appendFixedMatchesFixed() {
        var state: UInt64 = 11
        for _ in 0..<5_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let v = Double(state >> 11) / Double(1 << 53) * 2_000 - 1_000
            for d in [0, 1, 3, 4, 6] {
                var out: [UInt8] = [0x41]
                Format.appendFixed(v, decimals: d, to: &out)
                #expect(String(decoding: out.dropFirst(), as: UTF8.self) == Format.fixed(v, decimals: d))
            }
        }
        for v in [0.0, -0.0, -0.0004, 2.675, 1e16, -1e16, 0.0005, 999.9995] {
            var out: [UInt8] = []
            Format.appendFixed(v, decimals: 3, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == Format.fixed(v, decimals: 3))
        }
    }

    @Test func appendDecimalMatchesString() {
        for n in [0, 7, -7, 10, 123_456_789, -1_000, Int.max, Int.min] {
            var out: [UInt8] = []
            Format.appendDecimal(n, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(n))
        }
    }

    @Test func fieldsMatchRows() {
        var byRow = CSVWriter(header: ["a", "b", "c", "d"])
        byRow.row(["x,y", "12", "0.500", ""])
        byRow.row(["say \"hi\"", "-3", "", "line\nbreak"])
        var byField = CSVWriter(header: ["a", "b", "c", "d"])
        byField.field("x,y"); byField.field(12); byField.field(0.5, decimals: 3); byField.field("")
        byField.endRow()
        byField.field(escaped: CSVWriter.escaped("say \"hi\"")); byField.field(-3); byField.field(nil, decimals: 3)
        byField.field("line\nbreak")
        byField.endRow()
        #expect(byField.text == byRow.text)
        #expect(byField.data == Data(byRow.text.utf8))
    }

    @Test func escapeKeepsPlainText() {
        #expect(HTMLReport.escape("张江 · 12.5%") == "张江 · 12.5%")
        #expect(HTMLReport.escape("a:b") == "a:b")
        #expect(HTMLReport.escape("http://x <b>&'\"") == "http&#58;//x &lt;b&gt;&amp;&#39;&quot;")
    }

    @Test func pathData() {
        var path = PathBuilder()
        path.line([GridPoint(x: 1, y: 2), GridPoint(x: 4, y: -1), GridPoint(x: 4, y: 10)])
        let square = path.ring([GridPoint(x: 0, y: 0), GridPoint(x: 5, y: 0), GridPoint(x: 5, y: 5), GridPoint(x: 0, y: 0)])
        let tooShort = path.ring([GridPoint(x: 0, y: 0), GridPoint(x: 1, y: 1)])
        #expect(square && !tooShort)
        #expect(path.d == "M1 2l3-3 0 11M0 0l5 0 0 5z")
        #expect(ScoreColor.hexString(255, 0, 171) == "#ff00ab")
    }
}
