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
        for r in try RunHistory(path: db).runs() {
            print("\(r.id)\t\(formatter.string(from: r.startedAt))\t\(r.status)\t\(r.outputFolder)\(r.message.map { "\t\($0)" } ?? "")")
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
            """)

    @Option(name: .long, help: "The run-history database.")
    var db: String

    @Argument(help: "Two run ids (default: the last two successful runs).")
    var runs: [Int64] = []

    func validate() throws {
        guard runs.isEmpty || runs.count == 2 else { throw ValidationError("give two run ids, or none") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else { throw HistoryError(path: db, problem: "no such file") }
        let d = try RunHistory(path: db).diff(runs.first, runs.last)
        func pct(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "-" }
        print("run \(d.from) → run \(d.to): 缺项 closed \(d.gapsClosed), opened \(d.gapsOpened); "
              + "\(d.newlyCovered.count) (origin, item) pairs newly covered, \(d.newlyUncovered.count) newly uncovered")
        print("\nitem\tbefore\tafter")
        for i in d.items where i.before != i.after { print("\(i.item)\t\(pct(i.before))\t\(pct(i.after))") }
        print("\nsubdistrict\tall basic before\tafter\t缺项 before\tafter")
        for s in d.subdistricts where s.shareBefore != s.shareAfter || s.missingBefore != s.missingAfter {
            print("\(s.name)\t\(pct(s.shareBefore))\t\(pct(s.shareAfter))\t\(s.missingBefore)\t\(s.missingAfter)")
        }
        for (title, list) in [("newly covered", d.newlyCovered), ("newly uncovered", d.newlyUncovered)] where !list.isEmpty {
            print("\n\(title):")
            for p in list.prefix(50) { print("  \(p.origin)\t\(p.item)") }
            if list.count > 50 { print("  … \(list.count - 50) more") }
        }
    }
}
