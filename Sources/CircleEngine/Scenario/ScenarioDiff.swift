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
    /// `times`: the staged times.csv's bytes, when the caller holds them (else it is read).
    static func write(baseline: String, into output: OutputFolder, times: Data? = nil) throws {
        let folderA = URL(fileURLWithPath: baseline), folderB = output.staging
        var (before, reachA) = try figures(folder: folderA)
        var (after, reachB) = try figures(folder: folderB)
        let timesA = try bytes(folderA.appendingPathComponent("times.csv"))
        let timesB = try times ?? bytes(folderB.appendingPathComponent("times.csv"))
        if reachA == reachB, let changed = changedLines(timesA, timesB, reach: reachA) {
            // Same origins and items, line for line: only the lines that differ can differ in coverage.
            before.missing = changed.a
            after.missing = changed.b
            let involved = Array(Set(changed.a.map(\.origin) + changed.b.map(\.origin))).sorted()
            before.origins = involved
            after.origins = involved
        } else {
            before.origins = try origins(folderA)
            after.origins = try origins(folderB)
            before.missing = try missing(timesA, reach: reachA, path: folderA.path)
            after.missing = try missing(timesB, reach: reachB, path: folderB.path)
            keepChanges(&before, &after)
        }
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

    /// The pairs not covered in each of two times.csv that list the same (origin, item) pairs in
    /// the same order, among the lines that differ (an equal line is covered, or not, in both);
    /// nil when the files do not pair up line by line. Runs of equal lines are passed over by
    /// comparing memory (``equalPrefix(_:_:)``): a scenario changes few lines of a city's file.
    static func changedLines(_ a: Data, _ b: Data, reach: [String: Double])
        -> (a: [(origin: String, item: String)], b: [(origin: String, item: String)])? {
        let lf = UInt8(ascii: "\n")
        var outA: [(origin: String, item: String)] = [], outB: [(origin: String, item: String)] = []
        return a.withUnsafeBytes { bufA -> (a: [(origin: String, item: String)], b: [(origin: String, item: String)])? in
            b.withUnsafeBytes { bufB -> (a: [(origin: String, item: String)], b: [(origin: String, item: String)])? in
                let pa = bufA.bindMemory(to: UInt8.self), pb = bufB.bindMemory(to: UInt8.self)
                var i = 0, j = 0, first = true
                while i < pa.count && j < pb.count {
                    // Equal bytes from here on are equal lines, paired: skip to the start of the
                    // line holding the first difference (or to the end of the shorter file).
                    let same = equalPrefix(UnsafeRawBufferPointer(rebasing: bufA[i...]), UnsafeRawBufferPointer(rebasing: bufB[j...]))
                    var start = i + same
                    while start > i && pa[start - 1] != lf { start -= 1 }
                    if start > i {
                        j += start - i
                        i = start
                        first = false
                        if i >= pa.count || j >= pb.count { break }
                    }
                    var ea = i, eb = j
                    while ea < pa.count && pa[ea] != lf { ea += 1 }
                    while eb < pb.count && pb[eb] != lf { eb += 1 }
                    defer { i = ea + 1; j = eb + 1; first = false }
                    if ea - i == eb - j && memcmp(pa.baseAddress! + i, pb.baseAddress! + j, ea - i) == 0 { continue }
                    guard !first else { return nil }   // other columns
                    let la = String(decoding: UnsafeBufferPointer(rebasing: pa[i..<ea]), as: UTF8.self)
                    let lb = String(decoding: UnsafeBufferPointer(rebasing: pb[j..<eb]), as: UTF8.self)
                    guard let ra = try? ScenarioCSV.rows(la, file: "").first, let rb = try? ScenarioCSV.rows(lb, file: "").first,
                          ra.fields.count >= 4, rb.fields.count >= 4, ra.fields[0] == rb.fields[0], ra.fields[1] == rb.fields[1]
                    else { return nil }
                    guard let r = reach[ra.fields[1]] else { continue }
                    if !covered(ra.fields[3], reach: r) { outA.append((ra.fields[0], ra.fields[1])) }
                    if !covered(rb.fields[3], reach: r) { outB.append((rb.fields[0], rb.fields[1])) }
                }
                // Both files must end together (a trailing line break at most).
                guard pa[min(i, pa.count)...].allSatisfy({ $0 == lf }), pb[min(j, pb.count)...].allSatisfy({ $0 == lf }) else { return nil }
                return (outA, outB)
            }
        }
    }

    /// Whether a listed time (blank: unreachable) is within the reach, as the scoring decides.
    static func covered(_ minutes: String, reach: Double) -> Bool {
        guard !minutes.isEmpty, let v = Double(minutes) else { return false }
        return ListedMinutes.isWithin(v, reach: reach)
    }

    /// One output folder's figures as a history run (item shares and subdistrict figures from
    /// summary.json, as `--history` records them), and each item's reach.
    static func figures(folder: URL) throws -> (HistoryRun, [String: Double]) {
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
        return (HistoryRun(startedAt: Date(), status: "ok", outputFolder: folder.path, items: itemRows, groups: groupRows), reach)
    }

    /// The origin ids of origins.csv.
    static func origins(_ folder: URL) throws -> [String] {
        let url = folder.appendingPathComponent("origins.csv")
        return try ScenarioCSV.rows(String(decoding: try bytes(url), as: UTF8.self), file: url.path).dropFirst().map { $0.fields[0] }
    }

    /// Every (origin, item) pair of times.csv not covered: minutes blank or beyond the item's reach.
    static func missing(_ times: Data, reach: [String: Double], path: String) throws -> [(origin: String, item: String)] {
        var out: [(origin: String, item: String)] = []
        for row in try ScenarioCSV.rows(String(decoding: times, as: UTF8.self), file: path).dropFirst() where row.fields.count >= 4 {
            guard let r = reach[row.fields[1]] else { continue }
            if !covered(row.fields[3], reach: r) { out.append((row.fields[0], row.fields[1])) }
        }
        return out
    }

    /// How many leading bytes `a` and `b` share: compared in blocks, then byte by byte in the
    /// first block that differs.
    static func equalPrefix(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count), block = 4096
        guard n > 0 else { return 0 }
        var k = 0
        while k + block <= n && memcmp(a.baseAddress! + k, b.baseAddress! + k, block) == 0 { k += block }
        while k < n && a[k] == b[k] { k += 1 }
        return k
    }

    /// A file's bytes, mapped (``MappedFile``: times.csv of a city is tens of megabytes) or read.
    static func bytes(_ url: URL) throws -> Data {
        guard let data = MappedFile.data(url.path) ?? FileManager.default.contents(atPath: url.path) else {
            throw OptionError("\(url.path): cannot read it")
        }
        return data
    }
}
