import Foundation
import Testing

/// The run history: `--history`, `circle history`, `circle diff`.
@Suite(.serialized) struct HistoryTests {
    @Test func runsAreRecordedAndDiffed() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("h.sqlite").path
        let out = dir.appendingPathComponent("run")
        #expect(try AnalyzeTests.analyze(["--history", db, "--no-gaps"], out: out).status == 0)
        // Remove every kindergarten: coverage drops and 缺项 open.
        let text = try String(contentsOf: AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv"), encoding: .utf8)
        let fewer = dir.appendingPathComponent("f.csv")
        try text.split(separator: "\n").filter { !$0.contains(",kindergarten,") }.joined(separator: "\n")
            .appending("\n").write(to: fewer, atomically: true, encoding: .utf8)
        #expect(try AnalyzeTests.analyze(["--history", db, "--no-gaps"], facilities: fewer.path, out: out).status == 0)
        // A failed run and an unchanged run are recorded too.
        #expect(try AnalyzeTests.analyze(["--history", db, "--no-gaps"], origins: "/nonexistent.csv", out: out).status == 1)
        #expect(try AnalyzeTests.analyze(["--history", db, "--no-gaps", "--skip-unchanged"], facilities: fewer.path,
                                         out: out).status == 2)
        let h = try CLI.run(["history", "--db", db])
        #expect(h.status == 0)
        let lines = h.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(lines.first?.joined(separator: "\t") == "id\tstarted\tstatus\torigins\tmean_basic_score\tall_basic_share\t缺项\toutput\tmessage")
        #expect(lines.dropFirst().map { $0[2] } == ["ok", "ok", "failed", "unchanged"])
        // The headline scores of each successful run: 缺项 82, then 82 + 380 without kindergartens.
        #expect(lines[1][3] == "400" && lines[1][6] == "82" && lines[2][6] == "462" && lines[1][5] == "91.5%")
        #expect(lines[3][6] == "", "a failed run has no scores")

        let d = try CLI.run(["diff", "--db", db])
        #expect(d.status == 0, "\(d.stderr)")
        #expect(d.stdout.contains("run 1 → run 2"))
        #expect(d.stdout.contains("kindergarten\t95.0%\t0.0%"), "\(d.stdout)")
        // Kindergarten is basic: every origin that covered it now misses it.
        #expect(d.stdout.contains("缺项 closed 0, opened 380"), "\(d.stdout)")
        #expect(try CLI.run(["diff", "--db", db, "2", "1"]).stdout.contains("缺项 closed 380, opened 0"))
        // Every pair is listed: nothing is cut short ("… 330 more").
        #expect(!d.stdout.contains("more") && d.stdout.components(separatedBy: "\tkindergarten\n").count - 1 == 380)
        #expect(d.stdout.contains("缺项\t82\t462"))

        let csv = try CLI.run(["diff", "--db", db, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == "change,name,item,before,after")
        #expect(rows.contains("headline,missing_count,,82,462") && rows.contains("item,,kindergarten,0.9500,0.0000"))
        #expect(rows.filter { $0.hasPrefix("newly_uncovered,") && $0.hasSuffix(",kindergarten,1,0") }.count == 380)

        let json = try CLI.run(["diff", "--db", db, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(object["gapsOpened"] as? Int == 380 && (object["newlyUncovered"] as! [Any]).count == 380)
        #expect((object["before"] as! [String: Any])["missingCount"] as? Int == 82)
        #expect(try CLI.run(["diff", "--db", db, "--format", "xml"]).status != 0)

        // The second run's report opens with what changed since the first, with deltas on the cards.
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let main = try #require(html.range(of: "<main>\n"))
        #expect(html[main.upperBound...].hasPrefix("<section id=\"changes\">"), "the change is not the first section")
        #expect(html.contains("上次运行：第 1 次"))
        #expect(html.contains("<b>缺项总数</b> 82 → <b>462</b> <span class=\"delta worse\">(+380)</span>"))
        #expect(html.contains("<tr><td>幼儿园</td><td class=\"num\">95.0%</td><td class=\"num\">0.0%</td><td class=\"num delta worse\">−95.0</td></tr>"))
        #expect(html.contains("<div class=\"delta worse\">较第 1 次 +380</div>"))
    }

    @Test func diffNeedsTwoRuns() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("h.sqlite").path
        #expect(try AnalyzeTests.analyze(["--history", db, "--no-gaps"], out: dir.appendingPathComponent("run")).status == 0)
        let d = try CLI.run(["diff", "--db", db])
        #expect(d.status == 1 && d.stderr.contains("needs two successful runs"))
        #expect(try CLI.run(["history", "--db", dir.appendingPathComponent("none.sqlite").path]).status == 1)
    }
}
