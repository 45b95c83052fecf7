import ArgumentParser
import CircleEngine
import CircleHistory
import Foundation

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the runs recorded in a run history.",
        discussion: """
            Runs are recorded by `circle analyze --history FILE` and by job files with a `history` key.

            Example:
              circle history --db runs/history.sqlite
            """)

    @Option(name: .long, help: "The run-history database.")
    var db: String

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else { throw HistoryError(path: db, problem: "no such file") }
        let formatter = ISO8601DateFormatter()
        try HistoryUpkeep.resolveIdle(db)
        let history = try RunHistory(path: db)
        let headlines = try history.headlines()
        // Tab-separated with a header; the scores are blank for runs that recorded no coverage.
        print(["id", "started", "status", "origins", "mean_basic_score", "all_basic_share", "缺项", "output", "message"]
            .joined(separator: "\t"))
        for r in try history.runs() {
            var scores = ["", "", "", ""]
            if let h = headlines[r.id] {
                scores = [String(h.origins), DiffFormat.percent(h.meanBasicScore), DiffFormat.percent(h.allBasicShare),
                          String(h.missingCount)]
            }
            let fields: [String] = [String(r.id), formatter.string(from: r.startedAt), r.status] + scores
                + [r.outputFolder, r.message ?? ""]
            print(fields.map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }
                .joined(separator: "\t"))
        }
    }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Coverage changes between two runs: per item and subdistrict, origins newly covered or uncovered, 缺项 closed or opened.",
        discussion: """
            Examples:
              circle diff --db runs/history.sqlite          # the last two successful runs
              circle diff --db runs/history.sqlite 3 7
              circle diff --db runs/history.sqlite --format csv > changes.csv
            Every change is listed (nothing is cut short).
            """)

    @Option(name: .long, help: "The run-history database.")
    var db: String

    @Argument(help: "Two run ids (default: the last two successful runs).")
    var runs: [Int64] = []

    func validate() throws {
        guard runs.isEmpty || runs.count == 2 else { throw ValidationError("give two run ids, or none") }
    }

    @Option(name: .long, help: "text (readable), csv (one row per change) or json.")
    var format: DiffFormat.Kind = .text

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else { throw HistoryError(path: db, problem: "no such file") }
        let history = try RunHistory(path: db)
        let d = try history.diff(runs.first, runs.last)
        let headlines = try history.headlines()
        print(DiffFormat.render(d, before: headlines[d.from], after: headlines[d.to], as: format), terminator: "")
    }
}

extension DiffFormat.Kind: ExpressibleByArgument {}
