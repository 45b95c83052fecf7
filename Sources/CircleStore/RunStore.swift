import Foundation

/// One run as the store keeps it: plain values, filled by the engine from its in-memory results.
public struct StoredRun: Sendable {
    /// The `runs` row.
    public struct Header: Sendable {
        public var fingerprint: String
        public var runId: String
        public var toolVersion: String
        public var catalog: String
        public var outputFolder: String
        public var startedAt: Date
        public var seconds: Double
        /// JSON texts: the options (no password), the stage timings, summary.json.
        public var optionsJSON: String
        public var timingsJSON: String
        public var summaryJSON: String
        /// Creates the row.
        public init(fingerprint: String, runId: String, toolVersion: String, catalog: String, outputFolder: String,
                    startedAt: Date, seconds: Double, optionsJSON: String, timingsJSON: String, summaryJSON: String) {
            self.fingerprint = fingerprint
            self.runId = runId
            self.toolVersion = toolVersion
            self.catalog = catalog
            self.outputFolder = outputFolder
            self.startedAt = startedAt
            self.seconds = seconds
            self.optionsJSON = optionsJSON
            self.timingsJSON = timingsJSON
            self.summaryJSON = summaryJSON
        }
    }

    /// A gap map: the item, its figures and its polygons.
    public struct Gap: Sendable {
        public var item: String
        public var cells: Int
        public var areaSquareMetres: Double
        public var population: Double?
        /// A GeoJSON FeatureCollection whose first feature's geometry (Polygon or MultiPolygon,
        /// WGS84) is stored, as a MultiPolygon.
        public var featureCollection: String
        /// Creates a gap row.
        public init(item: String, cells: Int, areaSquareMetres: Double, population: Double?, featureCollection: String) {
            self.item = item
            self.cells = cells
            self.areaSquareMetres = areaSquareMetres
            self.population = population
            self.featureCollection = featureCollection
        }
    }

    /// A row of subdistricts.csv (level `subdistrict`, `area_class` or `overall`).
    public struct Group: Sendable {
        public var level: String
        public var name: String
        public var origins: Int
        public var population: Double?
        public var originsWithoutPopulation: Int
        public var meanBasicScore: Double
        public var allBasicShare: Double
        public var allBasicPopulationShare: Double?
        public var missingCount: Int
        public var worstItems: [String]
        /// JSON objects `{"item": share or null}`.
        public var itemSharesJSON: String
        public var itemPopulationSharesJSON: String
        /// The subdistrict's polygons as a GeoJSON FeatureCollection (first feature), when `--areas` gave them.
        public var featureCollection: String?
        /// Creates a group row.
        public init(level: String, name: String, origins: Int, population: Double?, originsWithoutPopulation: Int,
                    meanBasicScore: Double, allBasicShare: Double, allBasicPopulationShare: Double?, missingCount: Int,
                    worstItems: [String], itemSharesJSON: String, itemPopulationSharesJSON: String, featureCollection: String?) {
            self.level = level
            self.name = name
            self.origins = origins
            self.population = population
            self.originsWithoutPopulation = originsWithoutPopulation
            self.meanBasicScore = meanBasicScore
            self.allBasicShare = allBasicShare
            self.allBasicPopulationShare = allBasicPopulationShare
            self.missingCount = missingCount
            self.worstItems = worstItems
            self.itemSharesJSON = itemSharesJSON
            self.itemPopulationSharesJSON = itemPopulationSharesJSON
            self.featureCollection = featureCollection
        }
    }

    public var header: Header
    /// Builds the `origins` rows in COPY format, given the run's id as their first field (see
    /// ``CopyRows/init(firstField:)``): then ``StoredRun/originColumns``.
    public var origins: @Sendable (String) -> CopyRows
    /// Builds the `times` rows the same way: the run's id, then ``StoredRun/timeColumns``.
    public var times: @Sendable (String) -> CopyRows
    public var gaps: [Gap]
    public var groups: [Group]

    /// The columns of ``origins`` after `run` (which the store adds).
    public static let originColumns = ["idx", "origin", "name", "kind", "subdistrict", "area_class", "area_class_source",
                                       "mode", "population", "snap_status", "access_m", "basic_covered", "basic_total",
                                       "basic_score", "missing_items", "covered_items", "geom"]
    /// The columns of ``times`` after `run`.
    public static let timeColumns = ["origin_idx", "origin", "item", "mode", "minutes", "covered"]

    /// Creates a run; `origins` and `times` build their rows once the run's id is known.
    public init(header: Header, origins: @escaping @Sendable (String) -> CopyRows,
                times: @escaping @Sendable (String) -> CopyRows, gaps: [Gap], groups: [Group]) {
        self.header = header
        self.origins = origins
        self.times = times
        self.gaps = gaps
        self.groups = groups
    }
}

/// The PostGIS run store (`--db`): every run in one transaction, keyed by its fingerprint.
public enum RunStore {
    /// Connects and makes sure PostGIS and the store's tables are there (creating them when
    /// missing), so that a run fails before any work when the database is unusable.
    ///
    /// - Throws: ``StoreError`` naming the server.
    public static func check(_ url: DatabaseURL) throws {
        try prepareSchema(PostgresConnection(url))
    }

    /// Whether the store holds a run with this fingerprint.
    public static func holds(_ url: DatabaseURL, fingerprint: String) throws -> Bool {
        let connection = try PostgresConnection(url)
        try prepareSchema(connection)
        return try connection.value("SELECT count(*) FROM circle.runs WHERE fingerprint = $1", [fingerprint]) != "0"
    }

    /// Creates the schema when missing (under an advisory lock, so two first runs do not race),
    /// or checks its version.
    static func prepareSchema(_ c: PostgresConnection) throws {
        if try c.value("SELECT to_regclass('circle.meta') IS NOT NULL") == "t",
           let found = try c.value("SELECT value FROM circle.meta WHERE key = 'schema_version'") {
            try checkVersion(found, c)
            return
        }
        try c.execute("BEGIN")
        do {
            try c.execute("SELECT pg_advisory_xact_lock(\(RunStoreSchema.lockKey))")
            if try c.value("SELECT count(*) FROM pg_extension WHERE extname = 'postgis'") == "0" {
                do { try c.execute("CREATE EXTENSION IF NOT EXISTS postgis") } catch let e as StoreError {
                    throw StoreError("\(e.message); the run store needs PostGIS in this database: install it "
                                     + "(Debian postgresql-15-postgis-3) and run CREATE EXTENSION postgis as its owner")
                }
            }
            for statement in RunStoreSchema.create { try c.execute(statement) }
            if let found = try c.value("SELECT value FROM circle.meta WHERE key = 'schema_version'") {
                try checkVersion(found, c)
            } else {
                try c.execute("INSERT INTO circle.meta (key, value) VALUES ('schema_version', $1)", ["\(RunStoreSchema.version)"])
            }
            try c.execute("COMMIT")
        } catch {
            _ = try? c.execute("ROLLBACK")
            throw error
        }
    }

    static func checkVersion(_ found: String, _ c: PostgresConnection) throws {
        guard found == "\(RunStoreSchema.version)" else {
            throw StoreError("--db \(c.url.redacted) (\(c.server)): the run store's tables (schema circle) are version \(found); "
                             + "this circle writes version \(RunStoreSchema.version): use a matching circle or another database")
        }
    }

    /// Writes `run` inside a transaction left open: nothing is visible to others until
    /// ``PendingRun/commit()``. The run's rows replace those of an earlier run with the same
    /// fingerprint (same `runs.id`), so a rerun never duplicates rows.
    ///
    /// - Throws: ``StoreError``; the transaction is then rolled back.
    public static func write(_ run: StoredRun, to url: DatabaseURL) throws -> PendingRun {
        let c = try PostgresConnection(url)
        try prepareSchema(c)
        try c.execute("BEGIN")
        do {
            let h = run.header
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            // The row lock taken here makes a concurrent run of the same fingerprint wait for this one.
            guard let id = try c.value("""
                INSERT INTO circle.runs (fingerprint, run_id, tool_version, catalog, output_folder, started_at, seconds,
                                         options, timings, summary)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                ON CONFLICT (fingerprint) DO UPDATE SET run_id = EXCLUDED.run_id, tool_version = EXCLUDED.tool_version,
                    catalog = EXCLUDED.catalog, output_folder = EXCLUDED.output_folder, started_at = EXCLUDED.started_at,
                    seconds = EXCLUDED.seconds, recorded_at = now(), options = EXCLUDED.options,
                    timings = EXCLUDED.timings, summary = EXCLUDED.summary
                RETURNING id
                """, [h.fingerprint, h.runId, h.toolVersion, h.catalog, h.outputFolder, formatter.string(from: h.startedAt),
                      "\(h.seconds)", h.optionsJSON, h.timingsJSON, h.summaryJSON]) else {
                throw StoreError("--db \(url.redacted) (\(c.server)): the runs row was not written")
            }
            for table in ["times", "origins", "gaps", "subdistricts"] {
                try c.execute("DELETE FROM circle.\(table) WHERE run = $1", [id])
            }
            try c.copy("COPY circle.origins (run, \(StoredRun.originColumns.joined(separator: ", "))) FROM STDIN",
                       rows: run.origins(id))
            try c.copy("COPY circle.times (run, \(StoredRun.timeColumns.joined(separator: ", "))) FROM STDIN",
                       rows: run.times(id))
            for gap in run.gaps {
                try c.execute("""
                    INSERT INTO circle.gaps (run, item, cells, area_m2, population, geom)
                    VALUES ($1, $2, $3, $4, $5,
                            ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($6::json #>> '{features,0,geometry}'), 4326)))
                    """, [id, gap.item, "\(gap.cells)", "\(gap.areaSquareMetres)", gap.population.map { "\($0)" },
                          gap.featureCollection])
            }
            for g in run.groups {
                try c.execute("""
                    INSERT INTO circle.subdistricts (run, level, name, origins, population, origins_without_population,
                        mean_basic_score, all_basic_share, all_basic_population_share, missing_count, worst_items,
                        item_shares, item_population_shares, geom)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
                            ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($14::json #>> '{features,0,geometry}'), 4326)))
                    """, [id, g.level, g.name, "\(g.origins)", g.population.map { "\($0)" }, "\(g.originsWithoutPopulation)",
                          "\(g.meanBasicScore)", "\(g.allBasicShare)", g.allBasicPopulationShare.map { "\($0)" },
                          "\(g.missingCount)", CopyRows.arrayLiteral(g.worstItems), g.itemSharesJSON, g.itemPopulationSharesJSON,
                          g.featureCollection])
            }
        } catch {
            _ = try? c.execute("ROLLBACK")
            throw error
        }
        return PendingRun(connection: c)
    }
}

/// A run written to the store but not yet committed: others see none of its rows. Dropping it
/// without ``commit()`` (or the process dying) rolls the transaction back.
public final class PendingRun {
    private let connection: PostgresConnection

    init(connection: PostgresConnection) { self.connection = connection }

    /// Makes the run visible, all at once.
    ///
    /// - Throws: ``StoreError`` when the server refuses or is gone (then nothing was recorded).
    public func commit() throws { try connection.execute("COMMIT") }

    /// Drops everything written.
    public func rollback() { _ = try? connection.execute("ROLLBACK") }
}
