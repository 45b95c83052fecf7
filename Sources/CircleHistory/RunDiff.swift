import Foundation
import GRDB

/// What changed between two successful runs (`circle diff`).
public struct RunDiff: Sendable {
    public var from: Int64
    public var to: Int64
    /// Per item present in both: overall share of origins before and after.
    public var items: [(item: String, before: Double?, after: Double?)]
    /// Per subdistrict present in both: share covering all basic items and 缺项, before and after.
    public var subdistricts: [(name: String, shareBefore: Double, shareAfter: Double, missingBefore: Int, missingAfter: Int)]
    /// (origin, item) pairs now covered that were missing, and now missing that were covered,
    /// among origins present in both runs.
    public var newlyCovered: [(origin: String, item: String)]
    public var newlyUncovered: [(origin: String, item: String)]
    /// The same restricted to basic items: 缺项 closed and opened.
    public var gapsClosed: Int
    public var gapsOpened: Int
}

extension RunHistory {
    /// Compares runs `a` and `b` (default: the last two successful runs).
    ///
    /// - Throws: ``HistoryError`` when there are fewer than two successful runs or an id is unknown.
    public func diff(_ a: Int64? = nil, _ b: Int64? = nil) throws -> RunDiff {
        try queue.read { db in
            let ok = try Int64.fetchAll(db, sql: "SELECT id FROM run WHERE status = 'ok' ORDER BY id")
            for id in [a, b].compactMap({ $0 }) where !ok.contains(id) {
                guard let status = try String.fetchOne(db, sql: "SELECT status FROM run WHERE id = ?", arguments: [id]) else {
                    let all = try Int64.fetchAll(db, sql: "SELECT id FROM run ORDER BY id")
                    throw HistoryError(path: queue.path, problem: "there is no run \(id) in the history ("
                                       + (all.isEmpty ? "it has no runs" : "runs \(all.first!)–\(all.last!)") + ")")
                }
                throw HistoryError(path: queue.path, problem: "run \(id) did not succeed (status \(status)): only successful runs "
                                   + "can be compared (successful: \(ok.isEmpty ? "none" : ok.map(String.init).joined(separator: ", ")))")
            }
            let to = b ?? ok.last
            let from = a ?? ok.dropLast().last
            guard let from, let to, ok.contains(from), ok.contains(to) else {
                throw HistoryError(path: queue.path, problem: "needs two successful runs to compare (have \(ok.count))")
            }
            func shares(_ id: Int64) throws -> [String: (Double?, Bool)] {
                var out: [String: (Double?, Bool)] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT item, originShare, basic FROM itemCoverage WHERE runId = ?",
                                            arguments: [id]) {
                    out[row["item"]] = (row["originShare"], row["basic"])
                }
                return out
            }
            let (sa, sb) = (try shares(from), try shares(to))
            let itemOrder = try String.fetchAll(db, sql: "SELECT item FROM itemCoverage WHERE runId = ? ORDER BY rowid",
                                                arguments: [to])
            let items = itemOrder.filter { sa[$0] != nil }.map { (item: $0, before: sa[$0]!.0, after: sb[$0]!.0) }
            func groups(_ id: Int64) throws -> [String: Row] {
                Dictionary(try Row.fetchAll(db, sql: "SELECT * FROM groupCoverage WHERE runId = ? AND level = 'subdistrict'",
                                            arguments: [id]).map { ($0["name"] as String, $0) }, uniquingKeysWith: { a, _ in a })
            }
            let (ga, gb) = (try groups(from), try groups(to))
            let subdistricts = gb.keys.sorted().compactMap { name -> (String, Double, Double, Int, Int)? in
                guard let x = ga[name], let y = gb[name] else { return nil }
                return (name, x["allBasicShare"], y["allBasicShare"], x["missingCount"], y["missingCount"])
            }.map { (name: $0.0, shareBefore: $0.1, shareAfter: $0.2, missingBefore: $0.3, missingAfter: $0.4) }
            func missing(_ id: Int64) throws -> Set<String> {
                Set(try Row.fetchAll(db, sql: "SELECT origin, item FROM originMissing WHERE runId = ?", arguments: [id])
                    .map { "\($0["origin"] as String)\t\($0["item"] as String)" })
            }
            let both = Set(try String.fetchAll(db, sql: "SELECT origin FROM originRun WHERE runId = ?", arguments: [from]))
                .intersection(try String.fetchAll(db, sql: "SELECT origin FROM originRun WHERE runId = ?", arguments: [to]))
            let (ma, mb) = (try missing(from), try missing(to))
            func pairs(_ s: Set<String>) -> [(origin: String, item: String)] {
                s.sorted().map { $0.split(separator: "\t").map(String.init) }
                    .filter { both.contains($0[0]) && sa[$0[1]] != nil && sb[$0[1]] != nil }.map { (origin: $0[0], item: $0[1]) }
            }
            let covered = pairs(ma.subtracting(mb)), uncovered = pairs(mb.subtracting(ma))
            let basic = { (p: (origin: String, item: String)) in sb[p.item]?.1 == true }
            return RunDiff(from: from, to: to, items: items, subdistricts: subdistricts, newlyCovered: covered,
                           newlyUncovered: uncovered, gapsClosed: covered.filter(basic).count,
                           gapsOpened: uncovered.filter(basic).count)
        }
    }
}
