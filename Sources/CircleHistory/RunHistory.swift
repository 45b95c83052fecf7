import Foundation
import GRDB

/// One run as the history keeps it.
public struct HistoryRun: Sendable {
    public var startedAt: Date
    /// `ok`, `failed` or `unchanged`; `publishing` while a run's outputs are being put in place
    /// (resolved to `ok` or `failed` by ``RunHistory/resolvePublishing(outputPath:publishedToken:)``
    /// if the run was killed then).
    public var status: String
    public var message: String?
    public var fingerprint: String?
    public var outputFolder: String
    /// JSON texts of the options, the inputs (paths, sizes, SHA-256) and the timings.
    public var optionsJSON: String
    public var inputsJSON: String
    public var timingsJSON: String
    /// Per item (catalog order): id, whether basic, overall share of origins and of population.
    public var items: [(id: String, basic: Bool, originShare: Double?, populationShare: Double?)]
    /// Per subdistrict and area class: level, name, origins, mean basic score, share covering all
    /// basic items, 缺项 count.
    public var groups: [(level: String, name: String, origins: Int, meanBasicScore: Double, allBasicShare: Double,
                         missingCount: Int)]
    /// Every origin id, and each (origin, item) pair it misses.
    public var origins: [String]
    public var missing: [(origin: String, item: String)]
    /// The run's id in its `run.json`, and the output folder's absolute path: how a run killed
    /// while publishing is matched with the outputs in place.
    public var token: String?
    public var outputPath: String?

    public init(startedAt: Date, status: String, message: String? = nil, fingerprint: String? = nil, outputFolder: String,
                optionsJSON: String = "{}", inputsJSON: String = "[]", timingsJSON: String = "{}",
                items: [(id: String, basic: Bool, originShare: Double?, populationShare: Double?)] = [],
                groups: [(level: String, name: String, origins: Int, meanBasicScore: Double, allBasicShare: Double,
                          missingCount: Int)] = [],
                origins: [String] = [], missing: [(origin: String, item: String)] = []) {
        self.startedAt = startedAt
        self.status = status
        self.message = message
        self.fingerprint = fingerprint
        self.outputFolder = outputFolder
        self.optionsJSON = optionsJSON
        self.inputsJSON = inputsJSON
        self.timingsJSON = timingsJSON
        self.items = items
        self.groups = groups
        self.origins = origins
        self.missing = missing
    }
}

/// The run history: an SQLite database (GRDB) with a row per run and its coverage per item,
/// subdistrict and origin. Each run is written in one transaction, so a killed run leaves the
/// database as it was.
public final class RunHistory: @unchecked Sendable {
    let queue: DatabaseQueue

    /// How long a run waits for another process's transaction before giving up, seconds.
    public static let busyTimeout: TimeInterval = 120

    /// Opens (creating and migrating) the database at `path`. Runs of several processes share it:
    /// each waits for the others' transactions (busy timeout) instead of failing.
    public init(path: String) throws {
        do {
            var config = Configuration()
            config.busyMode = .timeout(Self.busyTimeout)
            queue = try DatabaseQueue(path: path, configuration: config)
            // Two processes opening a new database at once may both try the first migration; the
            // loser's CREATE TABLE fails, and on the next try it finds the migration applied.
            var attempt = 0
            while true {
                do {
                    try Self.migrator.migrate(queue)
                    break
                } catch {
                    attempt += 1
                    if attempt >= 3 { throw error }
                }
            }
        } catch {
            throw HistoryError(path: path, problem: "cannot open the run history: \(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("startedAt", .datetime).notNull()
                t.column("status", .text).notNull()
                t.column("message", .text)
                t.column("fingerprint", .text)
                t.column("outputFolder", .text).notNull()
                t.column("options", .text).notNull()
                t.column("inputs", .text).notNull()
                t.column("timings", .text).notNull()
            }
            try db.create(table: "itemCoverage") { t in
                t.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                t.column("item", .text).notNull()
                t.column("basic", .boolean).notNull()
                t.column("originShare", .double)
                t.column("populationShare", .double)
            }
            try db.create(table: "groupCoverage") { t in
                t.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                t.column("level", .text).notNull()
                t.column("name", .text).notNull()
                t.column("origins", .integer).notNull()
                t.column("meanBasicScore", .double).notNull()
                t.column("allBasicShare", .double).notNull()
                t.column("missingCount", .integer).notNull()
            }
            try db.create(table: "originRun") { t in
                t.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                t.column("origin", .text).notNull()
            }
            try db.create(table: "originMissing") { t in
                t.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                t.column("origin", .text).notNull()
                t.column("item", .text).notNull()
            }
        }
        m.registerMigration("v2") { db in
            try db.alter(table: "run") { t in
                t.add(column: "token", .text)
                t.add(column: "outputPath", .text)
            }
        }
        return m
    }

    /// Records a run and returns its id.
    @discardableResult
    public func record(_ r: HistoryRun) throws -> Int64 {
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO run (startedAt, status, message, fingerprint, outputFolder, options, inputs, timings, token, outputPath)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [r.startedAt, r.status, r.message, r.fingerprint, r.outputFolder, r.optionsJSON,
                                 r.inputsJSON, r.timingsJSON, r.token, r.outputPath])
            let id = db.lastInsertedRowID
            for i in r.items {
                try db.execute(sql: "INSERT INTO itemCoverage VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, i.id, i.basic, i.originShare, i.populationShare])
            }
            for g in r.groups {
                try db.execute(sql: "INSERT INTO groupCoverage VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: [id, g.level, g.name, g.origins, g.meanBasicScore, g.allBasicShare, g.missingCount])
            }
            // One prepared statement each for the long lists (a city has 10⁵ rows of them).
            let originRow = try db.cachedStatement(sql: "INSERT INTO originRun VALUES (?, ?)")
            for o in r.origins { try originRow.execute(arguments: [id, o]) }
            let missingRow = try db.cachedStatement(sql: "INSERT INTO originMissing VALUES (?, ?, ?)")
            for m in r.missing { try missingRow.execute(arguments: [id, m.origin, m.item]) }
            return id
        }
    }

    /// One line per run: id, start, status, output folder, message.
    public func runs() throws -> [(id: Int64, startedAt: Date, status: String, outputFolder: String, message: String?)] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, startedAt, status, outputFolder, message FROM run ORDER BY id").map {
                (id: $0["id"], startedAt: $0["startedAt"], status: $0["status"], outputFolder: $0["outputFolder"],
                 message: $0["message"])
            }
        }
    }
}

extension RunHistory {
    /// Sets a run's status (and message).
    public func setStatus(_ id: Int64, _ status: String, message: String? = nil) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE run SET status = ?, message = ? WHERE id = ?", arguments: [status, message, id])
        }
    }

    /// Removes a run and its coverage rows.
    public func delete(_ id: Int64) throws {
        try queue.write { db in _ = try db.execute(sql: "DELETE FROM run WHERE id = ?", arguments: [id]) }
    }

    /// Runs left `publishing` (their process was killed while putting its outputs in place), with
    /// their tokens and output folders.
    public func publishing() throws -> [(id: Int64, token: String?, outputPath: String?)] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, token, outputPath FROM run WHERE status = 'publishing' ORDER BY id").map {
                (id: $0["id"], token: $0["token"], outputPath: $0["outputPath"])
            }
        }
    }

    /// Resolves the `publishing` runs of the output folder at `outputPath` once no run writes it:
    /// the one whose token the outputs in place carry was published (`ok`), the others were not
    /// (`failed`). Returns how many rows changed.
    @discardableResult
    public func resolvePublishing(outputPath: String, publishedToken: String?) throws -> Int {
        let pending = try publishing().filter { $0.outputPath == outputPath }
        for p in pending {
            if p.token != nil && p.token == publishedToken {
                try setStatus(p.id, "ok")
            } else {
                try setStatus(p.id, "failed", message: "stopped while its outputs were being published (killed?); "
                              + "the outputs in \(outputPath) are from another run")
            }
        }
        return pending.count
    }
}

/// A history database that cannot be used.
public struct HistoryError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var problem: String
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }
    public var description: String { "\(path): \(problem)" }
}

extension RunHistory {
    /// The latest successful run: its id, start, overall share of origins per item, and 缺项 total.
    public func lastSuccessful() throws -> (id: Int64, startedAt: Date, itemShares: [String: Double?], missingTotal: Int)? {
        try queue.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, startedAt FROM run WHERE status = 'ok' ORDER BY id DESC LIMIT 1")
            else { return nil }
            let id: Int64 = row["id"]
            var shares: [String: Double?] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT item, originShare FROM itemCoverage WHERE runId = ?", arguments: [id]) {
                shares[r["item"]] = r["originShare"] as Double?
            }
            let missing = try Int.fetchOne(db, sql: """
                SELECT COALESCE(SUM(missingCount), 0) FROM groupCoverage WHERE runId = ? AND level = 'area_class'
                """, arguments: [id]) ?? 0
            return (id, row["startedAt"], shares, missing)
        }
    }
}
