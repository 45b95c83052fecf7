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
        let statuses = h.stdout.split(separator: "\n").map { $0.split(separator: "\t")[2] }
        #expect(statuses == ["ok", "ok", "failed", "unchanged"])

        let d = try CLI.run(["diff", "--db", db])
        #expect(d.status == 0, "\(d.stderr)")
        #expect(d.stdout.contains("run 1 → run 2"))
        #expect(d.stdout.contains("kindergarten\t95.0%\t0.0%"), "\(d.stdout)")
        // Kindergarten is basic: every origin that covered it now misses it.
        #expect(d.stdout.contains("缺项 closed 0, opened 380"), "\(d.stdout)")
        #expect(try CLI.run(["diff", "--db", db, "2", "1"]).stdout.contains("缺项 closed 380, opened 0"))
        // The second run's report says what changed since the first.
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("与上次运行（第 1 次"), "report.html lacks the change since the previous run")
        #expect(html.contains("幼儿园: 95.0% → 0.0%"))
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
