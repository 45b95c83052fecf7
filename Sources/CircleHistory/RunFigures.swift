import Foundation
import GRDB

/// A run's headline figures, from its area-class rows (area classes partition the origins).
public struct RunHeadline: Sendable, Equatable {
    public var origins: Int
    public var meanBasicScore: Double
    public var allBasicShare: Double
    /// 缺项: missing basic items summed over the origins.
    public var missingCount: Int
}

/// A recorded run's figures, for the report's "what changed" section.
public struct RunFigures: Sendable {
    public var id: Int64
    public var startedAt: Date
    public var headline: RunHeadline
    /// Overall share of origins per item (nil: it applied to none).
    public var itemShares: [String: Double?]
    /// Per subdistrict: mean basic score, share covering all basic items, 缺项.
    public var subdistricts: [String: (meanBasicScore: Double, allBasicShare: Double, missingCount: Int)]
}

extension RunHistory {
    /// Headline figures of every run that recorded coverage (or of run `id` only), by run id.
    public func headlines(of id: Int64? = nil) throws -> [Int64: RunHeadline] {
        try queue.read { db in
            var out: [Int64: RunHeadline] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT runId, SUM(origins) AS n, SUM(meanBasicScore * origins) AS score, SUM(allBasicShare * origins) AS full,
                       SUM(missingCount) AS missing
                FROM groupCoverage WHERE level = 'area_class' AND (? IS NULL OR runId = ?) GROUP BY runId
                """, arguments: [id, id]) {
                let n: Int = row["n"]
                guard n > 0 else { continue }
                out[row["runId"]] = RunHeadline(origins: n, meanBasicScore: (row["score"] as Double) / Double(n),
                                                allBasicShare: (row["full"] as Double) / Double(n), missingCount: row["missing"])
            }
            return out
        }
    }

    /// The figures of the latest successful run, or nil when there is none.
    public func lastSuccessfulFigures() throws -> RunFigures? {
        guard let last = try lastSuccessful(), let headline = try headlines(of: last.id)[last.id] else { return nil }
        let groups = try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT name, meanBasicScore, allBasicShare, missingCount FROM groupCoverage WHERE runId = ? AND level = 'subdistrict'
                """, arguments: [last.id])
        }
        var subdistricts: [String: (meanBasicScore: Double, allBasicShare: Double, missingCount: Int)] = [:]
        for g in groups { subdistricts[g["name"]] = (g["meanBasicScore"], g["allBasicShare"], g["missingCount"]) }
        return RunFigures(id: last.id, startedAt: last.startedAt, headline: headline, itemShares: last.itemShares,
                          subdistricts: subdistricts)
    }
}
