import CircleHistory
import CircleSupport
import Foundation

/// A scenario's difference from its baseline, as `circle diff` gives it (the same ``RunDiff`` and
/// ``DiffFormat``): both output folders are read into a scratch run history as runs 1 (baseline)
/// and 2 (scenario) and compared there. Written beside the scenario's outputs as
/// `scenario_diff.txt`, `scenario_diff.csv` and `scenario_diff.json`.
enum ScenarioDiff {
    /// The files a scenario adds to a run's outputs.
    static let files = ["scenario_diff.txt", "scenario_diff.csv", "scenario_diff.json"]

    /// Checks before any work that `baseline` is an output folder of `circle analyze`.
    static func checkBaseline(_ baseline: String, option: String) throws {
        for name in ["summary.json", "origins.csv", "times.csv"] {
            let path = URL(fileURLWithPath: baseline).appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else {
                throw OptionError("\(option) \(baseline): not an output folder of `circle analyze` (no \(name))")
            }
        }
    }

    /// Compares the baseline folder with the staged outputs and writes the diff files into them.
    static func write(baseline: String, into output: OutputFolder) throws {
        var before = try run(folder: URL(fileURLWithPath: baseline))
        var after = try run(folder: output.staging)
        keepChanges(&before, &after)
        let history = try RunHistory(path: ":memory:")   // SQLite's in-memory database
        let a = try history.record(before), b = try history.record(after)
        let diff = try history.diff(a, b)
        let headlines = try history.headlines()
        for (name, kind) in zip(files, [DiffFormat.Kind.text, .csv, .json]) {
            let text = DiffFormat.render(diff, before: headlines[a], after: headlines[b], as: kind)
            try output.write(Data(text.utf8), to: name)
        }
    }

    struct Pair: Hashable { var origin: String; var item: String }

    /// Leaves out of both runs what cannot change the diff: the (origin, item) pairs missing in
    /// both, and the origins of no remaining pair. `RunHistory.diff` compares the missing pairs'
    /// differences among the origins of both runs, so it gives the same answer, without a city's
    /// 10⁶ unchanged pairs passing through SQLite.
    static func keepChanges(_ a: inout HistoryRun, _ b: inout HistoryRun) {
        let inA = Set(a.missing.map { Pair(origin: $0.origin, item: $0.item) })
        let inB = Set(b.missing.map { Pair(origin: $0.origin, item: $0.item) })
        a.missing.removeAll { inB.contains(Pair(origin: $0.origin, item: $0.item)) }
        b.missing.removeAll { inA.contains(Pair(origin: $0.origin, item: $0.item)) }
        let involved = Set(a.missing.map(\.origin) + b.missing.map(\.origin))
        a.origins.removeAll { !involved.contains($0) }
        b.origins.removeAll { !involved.contains($0) }
    }

    /// One output folder as a history run: item shares and subdistrict figures from summary.json,
    /// the origins from origins.csv, and every (origin, item) pair not covered from times.csv
    /// (minutes beyond the item's reach or blank), as `--history` records them.
    static func run(folder: URL) throws -> HistoryRun {
        let summaryURL = folder.appendingPathComponent("summary.json")
        // JSONDecoder reads the numbers back exactly as they were written (they are summed again).
        guard let data = FileManager.default.contents(atPath: summaryURL.path),
              let summary = try? JSONDecoder().decode(Summary.self, from: data) else {
            throw OptionError("\(summaryURL.path): not a summary.json of `circle analyze`")
        }
        var reach: [String: Double] = [:]
        for i in summary.items { reach[i.id] = i.reachMinutes }
        let itemRows = summary.items.map { (id: $0.id, basic: $0.kind == "basic", originShare: $0.originShare,
                                            populationShare: $0.populationShare) }
        let groupRows = summary.groups.filter { $0.level != "overall" }.map {
            (level: $0.level, name: $0.name, origins: $0.origins, meanBasicScore: $0.meanBasicScore,
             allBasicShare: $0.allBasicShare, missingCount: $0.missingCount)
        }
        let origins = try table(folder.appendingPathComponent("origins.csv")).dropFirst().map { $0.fields[0] }
        var missing: [(origin: String, item: String)] = []
        for row in try table(folder.appendingPathComponent("times.csv")).dropFirst() where row.fields.count >= 4 {
            let (origin, item, text) = (row.fields[0], row.fields[1], row.fields[3])
            guard let r = reach[item] else { continue }
            if !ListedMinutes.isWithin(Double(text) ?? .infinity, reach: r) || text.isEmpty { missing.append((origin, item)) }
        }
        return HistoryRun(startedAt: Date(), status: "ok", outputFolder: folder.path, items: itemRows, groups: groupRows,
                          origins: origins, missing: missing)
    }

    static func table(_ url: URL) throws -> [ScenarioCSV.Row] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw OptionError("\(url.path): cannot read it")
        }
        return try ScenarioCSV.rows(String(decoding: data, as: UTF8.self), file: url.path)
    }
}
