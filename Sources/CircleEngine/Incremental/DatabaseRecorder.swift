import CircleGeo
import CircleStore
import CircleSupport
import Foundation

extension StoreError: UserInputError {}

extension AnalysisOptions {
    /// The options as recorded (run history, run store): the `--db` URL without its password.
    var forRecords: AnalysisOptions {
        var o = self
        o.db = db.map(DatabaseURL.redacted)
        return o
    }

    /// The `--db` URL, checked.
    var databaseURL: DatabaseURL? {
        get throws { try db.map { try DatabaseURL($0, option: jobFile == nil ? "--db" : "db: (in \(jobFile!))") } }
    }
}

/// Writes runs into the PostGIS run store (`--db`, job key `db`; docs/postgis.md).
enum DatabaseRecorder {
    /// Before any work: the server answers and the store's tables are there.
    static func check(_ options: AnalysisOptions) throws {
        if let url = try options.databaseURL { try RunStore.check(url) }
    }

    /// Whether the store already holds the run of this fingerprint (true without `--db`), so that
    /// `--skip-unchanged` still records a run whose commit was lost.
    static func holds(_ options: AnalysisOptions, fingerprint: String) throws -> Bool {
        guard let url = try options.databaseURL else { return true }
        return try RunStore.holds(url, fingerprint: fingerprint)
    }

    /// Writes the run in a transaction left open; commit it once the outputs are published.
    static func begin(_ options: AnalysisOptions, started: Date, record: RunRecord, summary: Summary, run: RunTables, maps: [GapMap],
                      cellSize: Double?, areas: AreaSet?, outputPath: String) throws -> PendingRun? {
        guard let url = try options.databaseURL else { return nil }
        let header = StoredRun.Header(
            fingerprint: summary.runFingerprint, runId: record.runId ?? UUID().uuidString.lowercased(), toolVersion: record.toolVersion,
            catalog: summary.catalog, outputFolder: outputPath, startedAt: started,
            seconds: record.seconds, optionsJSON: HistoryRecorder.json(options.forRecords),
            timingsJSON: HistoryRecorder.json(record.timings), summaryJSON: String(decoding: try summary.json(), as: UTF8.self))
        let stored = StoredRun(header: header, origins: { origins(run, id: $0) }, times: { times(run, id: $0) },
                               gaps: try gaps(maps, cellSize: cellSize ?? 0), groups: try groups(run, areas: areas))
        return try RunStore.write(stored, to: url)
    }

    /// One row per origin, in input order.
    static func origins(_ run: RunTables, id: String) -> CopyRows {
        var rows = CopyRows(firstField: id)
        rows.reserveCapacity(run.origins.count * 200)
        for (o, origin) in run.origins.enumerated() {
            let s = run.scores[o], snap = run.snaps[o]
            rows.int(o)
            for text in [origin.id, origin.name, origin.kind.rawValue, origin.subdistrict, origin.areaClass,
                         origin.areaClassSource, origin.mode.rawValue] { rows.text(text) }
            rows.double(origin.population)
            rows.text(snap.status.rawValue)
            rows.double(snap.status == .snapped ? snap.accessDistance : nil)
            rows.int(s.basicCovered)
            rows.int(s.basicTotal)
            rows.double(s.basicScore)
            rows.textArray(s.missingBasic.map { run.items[$0].id })
            rows.textArray(run.items.indices.filter { s.covered[$0] == true }.map { run.items[$0].id })
            rows.point(lon: origin.lon, lat: origin.lat)
            rows.endRow()
        }
        return rows
    }

    /// The rows of times.csv: the items that apply to each origin, minutes null when not reached.
    static func times(_ run: RunTables, id: String) -> CopyRows {
        var rows = CopyRows(firstField: id)
        rows.reserveCapacity(run.origins.count * run.items.count * 40)
        for (o, origin) in run.origins.enumerated() {
            let applies = run.scoredOrigins[o].applies, covered = run.scores[o].covered
            for i in run.items.indices where applies[i] {
                rows.int(o)
                rows.text(origin.id)
                rows.text(run.items[i].id)
                rows.text(origin.mode.rawValue)
                rows.double(run.minutes[i][o])
                rows.bool(covered[i])
                rows.endRow()
            }
        }
        return rows
    }

    /// One row per gap map, its polygons as the gap GeoJSON writes them.
    static func gaps(_ maps: [GapMap], cellSize: Double) throws -> [StoredRun.Gap] {
        try maps.map { map in
            var one = GeoJSONWriter()
            try one.addPolygons(map.polygons.polygons)
            return StoredRun.Gap(item: map.item.id, cells: map.cells,
                                 areaSquareMetres: (Double(map.cells) * cellSize * cellSize).rounded(),
                                 population: map.population, featureCollection: String(decoding: one.data, as: UTF8.self))
        }
    }

    /// The rows of subdistricts.csv, with each subdistrict's polygons when `--areas` gave them.
    static func groups(_ run: RunTables, areas: AreaSet?) throws -> [StoredRun.Group] {
        var polygons: [String: [AreaPolygon]] = [:]
        for feature in areas?.features ?? [] {
            guard let name = AreaPolygons.fields(feature).subdistrict else { continue }
            polygons[name, default: []] += feature.polygons
        }
        func shares(_ values: [Double?]) -> String {
            var object: [String: Double?] = [:]
            for (i, item) in run.items.enumerated() { object[item.id] = values[i] }
            return HistoryRecorder.json(object)
        }
        return try run.groups.map { g in
            var shape: String?
            if g.level == .subdistrict, let parts = polygons[g.name], !parts.isEmpty {
                var one = GeoJSONWriter()
                try one.addPolygons(parts)
                shape = String(decoding: one.data, as: UTF8.self)
            }
            return StoredRun.Group(level: g.level.rawValue, name: g.name, origins: g.origins, population: g.population,
                                   originsWithoutPopulation: g.originsWithoutPopulation, meanBasicScore: g.meanBasicScore,
                                   allBasicShare: g.allBasicShare, allBasicPopulationShare: g.allBasicPopulationShare,
                                   missingCount: g.missingCount, worstItems: g.worstItems.map { run.items[$0].id },
                                   itemSharesJSON: shares(g.itemShare), itemPopulationSharesJSON: shares(g.itemPopulationShare),
                                   featureCollection: shape)
        }
    }
}

extension DatabaseRecorder {
    /// After publishing: a failed commit fails the run (exit 1), saying the outputs stand but the
    /// store lacks the run.
    static func committed(_ result: Result<Void?, Error>, outputPath: String) throws {
        guard case .failure(let error) = result else { return }
        throw StoreError("\(error); the outputs in \(outputPath) are published but the run store did not record them: "
                         + "rerun to record it")
    }
}
