@testable import CircleEngine
import Foundation
import Testing

/// The scenario diff passes over runs of equal lines of two times.csv by comparing memory; it
/// must find what reading them line by line finds — the pairs not covered among the lines that
/// differ, or nil when the files do not pair up.
@Suite struct ScenarioDiffLinesTests {
    typealias Pairs = [String]

    /// Line by line: pairs line k with line k, as the diff did before it skipped equal runs.
    static func lineByLine(_ a: String, _ b: String, reach: [String: Double]) -> (Pairs, Pairs)? {
        func lines(_ s: String) -> [String] {
            var l = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            while l.last == "" { l.removeLast() }
            return l
        }
        let la = lines(a), lb = lines(b)
        guard la.count == lb.count else { return nil }
        var outA: Pairs = [], outB: Pairs = []
        for (k, (x, y)) in zip(la, lb).enumerated() where x != y {
            guard k > 0 else { return nil }
            let fx = x.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let fy = y.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fx.count >= 4, fy.count >= 4, fx[0] == fy[0], fx[1] == fy[1] else { return nil }
            guard let r = reach[fx[1]] else { continue }
            if !ScenarioDiff.covered(fx[3], reach: r) { outA.append(fx[0] + "/" + fx[1]) }
            if !ScenarioDiff.covered(fy[3], reach: r) { outB.append(fy[0] + "/" + fy[1]) }
        }
        return (outA, outB)
    }

    static func skipping(_ a: String, _ b: String, reach: [String: Double]) -> (Pairs, Pairs)? {
        ScenarioDiff.changedLines(Data(a.utf8), Data(b.utf8), reach: reach).map { r in
            (r.a.map { $0.origin + "/" + $0.item }, r.b.map { $0.origin + "/" + $0.item })
        }
    }

    @Test func skippingEqualLinesFindsWhatALineByLineReadFinds() {
        let reach = ["kindergarten": 10.0, "school": 15.0]
        var rng = SystemRandomNumberGenerator()
        var paired = 0, unpaired = 0
        for round in 0..<300 {
            // Thousands of lines, so that equal runs span the diff's 4 KiB blocks.
            let n = [1, 2, 50, 3000][round % 4]
            var rows: [[String]] = (0..<n).map { k in
                ["o\(k)", k % 3 == 0 ? "school" : "kindergarten", "walk", String(format: "%.3f", Double(k % 40) / 2), "ok"]
            }
            let header = "origin_id,item,mode,minutes,status"
            let a = header + "\n" + rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
            for _ in 0..<Int.random(in: 0...5, using: &rng) {   // a few times change, longer or shorter
                let k = Int.random(in: 0..<n, using: &rng)
                rows[k][3] = Bool.random(using: &rng) ? "" : String(format: "%.3f", Double.random(in: 0...30, using: &rng))
            }
            var b = header + "\n" + rows.map { $0.joined(separator: ",") }.joined(separator: "\n")
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: b += ""   // no final line break
            case 1: b += "\n\n"
            case 2: b += "\nextra,kindergarten,walk,1.000,ok\n"   // a line more
            case 3: b = "origin_id,item,mode,minutes\n" + b.drop { $0 != "\n" }.dropFirst() + "\n"   // another header
            case 4: b = String(b.dropLast(b.count > 60 ? 40 : 0)) + "\n"   // cut short
            case 5 where n > 1: b = b.replacingOccurrences(of: "\no1,", with: "\nzz,") + "\n"   // another origin
            default: b += "\n"
            }
            let expected = Self.lineByLine(a, b, reach: reach), found = Self.skipping(a, b, reach: reach)
            #expect(found?.0 == expected?.0 && found?.1 == expected?.1, "round \(round): \(String(describing: found)) vs \(String(describing: expected))")
            if expected == nil { unpaired += 1 } else { paired += 1 }
            // Each way round gives the same answer, mirrored.
            let back = Self.skipping(b, a, reach: reach)
            #expect(back?.0 == found?.1 && back?.1 == found?.0)
        }
        #expect(paired > 50 && unpaired > 50)
    }

    @Test func equalFilesHaveNoChangedLine() {
        let text = "origin_id,item,mode,minutes,status\n" + (0..<5000).map { "o\($0),kindergarten,walk,,over_horizon\n" }.joined()
        let r = ScenarioDiff.changedLines(Data(text.utf8), Data(text.utf8), reach: ["kindergarten": 10])
        #expect(r != nil && r!.a.isEmpty && r!.b.isEmpty)
        // The last line alone differs.
        let b = String(text.dropLast("o4999,kindergarten,walk,,over_horizon\n".count)) + "o4999,kindergarten,walk,3.000,ok\n"
        let s = ScenarioDiff.changedLines(Data(text.utf8), Data(b.utf8), reach: ["kindergarten": 10])
        #expect(s?.a.map(\.origin) == ["o4999"] && s?.b.isEmpty == true)
    }
}
