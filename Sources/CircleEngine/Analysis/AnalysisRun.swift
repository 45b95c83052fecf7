import CircleCatalog
import CircleCoverage
import CircleGeo
import CircleGraph
import CircleHistory
import CircleInput
import CircleOSM
import CircleReport
import CircleScore
import CircleStore
import CircleSupport
import Foundation

/// What a run does with its work units.
enum RunRole {
    /// The whole run in one process.
    case single
    /// One shard: the searches and gap maps of its items, written to `PARTS/shard-K-of-N/`.
    case shard(ShardSpec)
    /// Complete shards combined: every unit and gap map comes from their folders.
    case merge([ShardManifest], folders: [EntryFolder])
}

/// One `circle analyze` run (or shard, or merge), stage by stage; every stage records its time.
struct AnalysisRun {
    let options: AnalysisOptions
    let log: StageLog
    let role: RunRole
    let catalog: Catalog
    let items: [Item]
    let output: OutputFolder
    /// `--crs`; nil: each file's own system (GIS formats), else WGS84.
    let crs: CoordinateSystem?
    let language: ReportLanguage
    let clock = StageClock()
    let started = Date()
    var warnings: [String] = []

    init(options: AnalysisOptions, log: StageLog, role: RunRole = .single) throws {
        self.options = options
        self.log = log
        self.role = role
        catalog = try Analysis.configuredCatalog(options)
        items = try Analysis.selectedItems(catalog, options.items)
        crs = try options.crs.map { try CoordinateSystem(parsing: $0) }
        guard let lang = ReportLanguage(rawValue: options.language) else {
            throw OptionError("--lang must be zh or en, got '\(options.language)'")
        }
        language = lang
        if options.gaps { try Self.checkGapOptions(options) }
        _ = try Self.outputFrame(options)
        try Self.checkGISLibrary(options)
        if let days = options.cacheKeepDays, !(days > 0 && days.isFinite) {
            throw OptionError("--cache-keep-days must be a positive number of days, got \(days)")
        }
        if let baseline = options.baseline { try ScenarioDiff.checkBaseline(baseline, option: "--baseline") }
        if case .shard(let spec) = role {
            guard let parts = options.parts else { throw MergeError.needsParts }
            do { try FileManager.default.createDirectory(atPath: parts, withIntermediateDirectories: true) } catch {
                throw AtomicWriteError(path: parts, reason: "cannot create the parts folder: \(error.localizedDescription)")
            }
            var protected = options.protectedPaths
            protected.removeAll { $0.path == parts }
            output = try OutputFolder(destination: URL(fileURLWithPath: parts).appendingPathComponent(spec.folderName).path,
                                      option: "--parts", protected: protected, wait: options.wait, waiting: Self.waiting(log))
        } else {
            // Fails early on a bad --out, and waits here while another run writes the same folder.
            output = try OutputFolder(destination: options.out, option: options.outOption, protected: options.protectedPaths,
                                      wait: options.wait, waiting: Self.waiting(log))
            if let history = options.history {
                let resolved = try HistoryRecorder.recover(history, outputPath: output.destination.path)
                if resolved > 0 { log.stage("history: resolved \(resolved) run(s) killed while publishing \(output.destination.path)") }
            }
            try DatabaseRecorder.check(options)   // an unreachable --db fails before any work
        }
    }

    /// Logs that another run holds the output folder.
    static func waiting(_ log: StageLog) -> (String) -> Void {
        { holder in log.stage("waiting: another run is writing the output folder (\(holder))") }
    }

    /// The gap cell sizes accepted, metres: below a metre the 7-decimal coordinates written (about
    /// 1 cm) are too coarse for the cells' outlines; above a kilometre a cell is as wide as a
    /// 15-minute walk, and the map says nothing.
    static let gapCellRange = 1.0...1000.0
    /// The access distances accepted, metres.
    static let gapAccessRange = 1.0...5000.0

    /// Refuses gap options out of range before any work starts (exit 1).
    static func checkGapOptions(_ o: AnalysisOptions) throws {
        let s = o.gapCellSize
        guard s.isFinite, gapCellRange.contains(s) else {
            throw OptionError(String(format: "--gap-cell must be a cell side between %g and %g metres, got %@",
                                     gapCellRange.lowerBound, gapCellRange.upperBound, "\(String(format: "%g", s))"))
        }
        if let a = o.gapAccess, !(a.isFinite && gapAccessRange.contains(a)) {
            throw OptionError(String(format: "--gap-access must be a distance between %g and %g metres, got %@",
                                     gapAccessRange.lowerBound, gapAccessRange.upperBound, "\(String(format: "%g", a))"))
        }
        if let m = o.gapMask, m != "osm", !FileManager.default.fileExists(atPath: m) {
            throw OptionError("--gap-mask must be 'osm' or a GeoJSON file of polygons; \(m): no such file")
        }
        if let m = o.maxMemory, !(m.isFinite && m >= Double(1 << 20)) {
            throw OptionError("--max-memory must be at least 1M, got \(m) bytes")
        }
    }

    /// How far gap polygons (and isochrones) may be simplified, metres: 0.8 of a cell.
    var gapTolerance: Double { options.gapCellSize * 0.8 }

    func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        try clock.time(stage, body)
    }

    /// The stores this run reads and writes unit results and gap maps through.
    func stores() throws -> ResultStores {
        var stores = ResultStores(cache: try options.cache.map { try SearchCache(folder: $0) })
        switch role {
        case .single: break
        case .shard: stores.parts = EntryFolder(output.staging)
        case .merge(_, let folders): stores.shards = folders
        }
        return stores
    }

    /// A whole run, or a merge of shards: outputs written and published, history recorded.
    mutating func execute() async throws -> AnalysisResult {
        let stores = try stores()
        let cacheDigest = Self.digestGraphCacheInBackground(options, stores)
        let p = try await prepare(stores, basemap: overlapsStages)
        var merged: [ShardManifest] = []
        if case .merge(let manifests, _) = role { merged = manifests }
        log.stage(merged.isEmpty ? "searching \(items.count) items × \(Set(p.origins.map(\.mode)).count) modes"
                                 : "reading the results of \(merged.count) shards")
        var searched = try search(p, stores: stores, owned: nil, searchMissing: merged.isEmpty, keepNearest: overlapsStages)

        log.stage("scoring and writing \(output.destination.path)")
        let reuse = stores.cache.map { OutputReuse(cache: $0.entries, scenario: options.scenario != nil) }   // formatted bytes kept
        // Each output file is written on a thread of its own as soon as it can be made (EarlyWrites).
        let writes = EarlyWrites(output: output, clock: clock)
        defer { writes.waitAll() }   // none still writing once the run returns or throws
        let minutes = timed("score") { p.originMinutes(searched.centimetres, horizon: catalog.horizonMinutes) }
        let unscored = unscoredTables(p, minutes: minutes, applies: searched.applies)
        let digests = OriginRowDigests(unscored)   // each origin's row inputs, digested once for the three files
        let timesWritten = writes.times(unscored, reuse: reuse, digests: digests)   // while the origins are scored
        // The few gap maps a scenario redraws need each origin's coverage only, known from its
        // minutes: drawn while the origins are scored (``redrawsFewMaps``).
        let earlyMaps = redrawsFewMaps ? startGapMaps(p, tables: unscored, searched: searched, stores: stores) : nil
        let run = timed("score") { scored(unscored) }
        // Every facility's catchment (facilities.csv), from the scores just made.
        let catchmentsWork = startCatchments(p, run: run, searched: searched, cache: stores.cache?.entries)
        writes.facilities(catchmentsWork, hasPopulation: p.hasPopulation, reuse: reuse)
        writes.originTables(run, reuse: reuse, digests: digests)
        if p.study != nil, let reuse { writes.originsGeoJSON(run, reuse: reuse, digests: digests) }
        let counts = merged.isEmpty
            ? (searched.computed, searched.reused, searched.storedMaps.count)
            : (merged.map(\.searchUnits).reduce(0, +), merged.map(\.searchUnitsReused).reduce(0, +),
               merged.map(\.gapMapsReused).reduce(0, +))
        // The summary and the report's model (but its gap maps) need no gap map: a run that redraws
        // few (``redrawsFewMaps``) makes them on a thread of their own while it draws those.
        let box = Unchecked((self, p, run))
        let summaryAndModel: @Sendable () throws -> Unchecked<(Summary, ReportModel)> = {
            let (this, p, run) = box.value
            let summary = try this.clock.time("summary") {
                _ = try? cacheDigest?.result()   // the graph cache's digest, hashed while the run went on
                return try Summary.make(options: this.options, catalog: this.catalog, loaded: p.loaded, run: run,
                                        facilities: p.facilities, facilitySnaps: p.facilitySnaps, searchUnits: counts.0,
                                        reused: counts.1, gapMapsReused: counts.2, fingerprint: p.fingerprint,
                                        warnings: this.warnings, study: p.study)
            }
            var model = this.clock.time("report model") {
                ReportBuilder.model(run: run, summary: summary, network: p.loaded.networks.walk, areas: p.areas,
                                    facilities: p.facilities, lang: this.language)
            }
            try this.labelCoordinates(&model, run: run)
            if this.redrawsFewMaps, var map = model.map {
                // The origins' part of the report's map data, ready before the gap maps are.
                map.originData = this.clock.time("report model") { HTMLReport.originData(map, items: model.items.count) }
                model.map = map
            }
            return Unchecked((summary, model))
        }
        let early = p.study != nil && redrawsFewMaps ? BackgroundWork(summaryAndModel) : nil
        let maps = try earlyMaps?.result().value ?? p.study.map { study in
            try drawGapMaps(p, study: study, covered: run.scores.map(\.covered), searched: searched, stores: stores)
        } ?? []
        if let study = p.study, let reuse { writes.gapFiles(maps, cellSize: study.grid.size, reuse: reuse) }
        // Every origin's and cell's minutes are scored and drawn: let them go before the report is
        // made (a large city's cells hold hundreds of MB), whatever else still refers to the search.
        searched.centimetres = []
        let made = try early?.result() ?? summaryAndModel()
        let summary = made.value.0
        var model = made.value.1
        timed("report model") { ReportBuilder.addGaps(&model, maps: maps, run: run) }
        try output.write(try summary.json(), to: "summary.json")
        if let baseline = options.baseline { writes.scenarioDiff(baseline: baseline, after: timesWritten) }
        model.change = ReportBuilder.change(run: run, history: options.history)
        let catchments = try catchmentsWork.result()
        model.catchments = CatchmentOutputs.reportItems(catchments, hasPopulation: p.hasPopulation)
        if model.map != nil {
            let base = try p.basemap?.result() ?? Basemap(timed("report basemap") { BaseLandCache.read(p.osm, cache: stores.cache?.entries) })
            model.map?.water = base.water
            model.map?.green = base.green
        }
        // The summary hashed the input files the fingerprint only identified (a graph cache), the
        // basemap the OSM file: kept with the cache, the next run does not hash them again.
        if let cache = stores.cache { try? DigestStore.save(to: cache.folder.appendingPathComponent("digests.tsv").path) }
        model.networkKey = "\(p.loaded.inputSHA256)|\(GraphCache.profileFingerprint)"
        // The report renders (and is written) on its own thread while the maps are written.
        writes.report(model, layers: stores.cache.map { ReportLayers(entries: $0.entries) })
        if let study = p.study {
            // With --cache, the gap files and origins.geojson are being written already.
            if reuse == nil { try timed("write gaps") { try GapExport.write(maps: maps, run: run, study: study, to: output) } }
            if options.isochrones { try writeIsochrones(p, study: study) }
        }
        try timed("write gis") { try writeGIS(run: run, maps: maps, p: p, summary: summary, catchments: catchments) }
        try writes.finish()
        let runId = UUID().uuidString.lowercased()
        let record = self.record(kind: merged.isEmpty ? "single" : "merge", fingerprint: p.fingerprint, runId: runId,
                                 shards: merged.isEmpty ? nil : merged.map(\.record))
        try output.write(try record.json(), to: "run.json")
        // The history row goes in first (as `publishing`), so that outputs and history agree even
        // when the process is killed between the two: the next run resolves it by the token.
        let row = try options.history.map { history in
            try HistoryRecorder.begin(history, started: started, options: options, summary: summary, run: run,
                                      timings: clock.seconds, token: runId, outputPath: output.destination.path)
        }
        // The run store's rows are written now but committed only once the outputs are in place:
        // a run killed before the commit leaves no rows (docs/postgis.md).
        let pending: PendingRun?
        do {
            pending = try timed("db") {
                try DatabaseRecorder.begin(options, started: started, record: record, summary: summary, run: run, maps: maps,
                                           cellSize: p.study?.grid.size, areas: p.areas?.areas, outputPath: output.destination.path)
            }
        } catch {
            if let history = options.history, let row { HistoryRecorder.abandon(history, id: row) }
            throw error
        }
        FaultPoint.reach("before-publish")
        do { try timed("publish") { try output.publish() } } catch {
            if let history = options.history, let row { HistoryRecorder.abandon(history, id: row) }
            pending?.rollback()
            throw error
        }
        FaultPoint.reach("after-publish")
        FaultPoint.reach("db-before-commit")
        let committed = Result { try pending?.commit() }
        if let history = options.history, let row { try HistoryRecorder.published(history, id: row) }
        try DatabaseRecorder.committed(committed, outputPath: output.destination.path)
        timed("prune cache") { pruneCache(stores) }
        for w in warnings { log.warn(w) }
        return AnalysisResult(summary: summary, outputFolder: output.destination.path)
    }

    /// `run.json` of this run as it stands now: when it started, how long it took, its stage timings.
    func record(kind: String, fingerprint: String, runId: String = UUID().uuidString.lowercased(),
                shards: [RunRecord.ShardRecord]? = nil) -> RunRecord {
        RunRecord(schemaVersion: RunRecord.schemaVersion, runId: runId, toolVersion: circleVersion, runFingerprint: fingerprint,
                  kind: kind, startedAt: RunRecord.timestamp(started), seconds: Date().timeIntervalSince(started),
                  timings: clock.seconds, shards: shards)
    }

    /// After a successful run: removes the cache entries no run used for `cacheKeepDays` days.
    func pruneCache(_ stores: ResultStores) {
        guard let cache = stores.cache else { return }
        guard let (files, bytes) = cache.prune(unusedFor: options.cacheKeepDays ?? 14) else {
            log.stage("cache: another run is using \(cache.folder.path); old entries are left for a later run to remove")
            return
        }
        if files > 0 {
            log.stage(String(format: "cache: removed %d entries (%.1f MB) unused for %g days", files, Double(bytes) / 1e6,
                             options.cacheKeepDays ?? 14))
        }
    }

    /// What the gap maps are drawn from: the grid, the scores and the cells' minutes of the
    /// items to draw.
    func gapInputs(_ p: Prepared, study: GapStudy, run: RunTables, searched: Searched) -> GapMaps.Inputs {
        // As listed (SPEC §8): a cell is a gap by the same rule as an origin's coverage.
        let cellMinutes = GapMaps.CellMinutes(centimetres: searched.centimetres, first: p.origins.count,
                                              speed: p.cellSpeeds)   // metres a minute of each cell's mode
        return GapMaps.Inputs(study: study, origins: p.origins, items: items,
                              applies: searched.applies, covered: run.scores.map(\.covered),
                              cellMinutes: cellMinutes, simplifyTolerance: gapTolerance)
    }

    /// `isochrones.geojson`: every origin's reachable area (not sharded: drawn where the outputs are written).
    func writeIsochrones(_ p: Prepared, study: GapStudy) throws {
        log.stage("isochrones")
        let snaps = timed("snap cells") {
            Dictionary(uniqueKeysWithValues: TravelMode.allCases.map { mode in
                (mode, p.snapStage.points(lon: study.lon, lat: study.lat, modes: study.lon.map { _ in mode })
                    .map(SnappedPoint.init))
            })
        }
        let reach = p.speeds.mapValues { Centimetres.from(metres: catalog.reachMinutes * $0) }
        let shapes = try timed("isochrones") {
            try IsochroneMaps.build(.init(study: study, origins: p.origins, originSnaps: p.originSnaps.map(SnappedPoint.init),
                                          cellSnaps: snaps, nets: p.nets, reach: reach,
                                          simplifyTolerance: gapTolerance))
        }
        try timed("write gaps") {
            try GapExport.writeIsochrones(shapes, origins: p.origins, reachMinutes: catalog.reachMinutes, to: output)
        }
    }

    /// The items as scoring reads them.
    var scoredItems: [ScoredItem] {
        items.map {
            ScoredItem(id: $0.id, domain: $0.domain, isBasic: catalog.kind(of: $0) == .basic,
                       isX: catalog.kind(of: $0) == .x, reachMinutes: $0.reachMinutes)
        }
    }

    /// The origins as scoring reads them.
    func scoredOrigins(_ origins: [Origin], applies: [[Bool]]) -> [ScoredOrigin] {
        origins.indices.map { k in
            let o = origins[k]
            return ScoredOrigin(id: o.id, subdistrict: o.subdistrict.isEmpty ? "(none)" : o.subdistrict,
                                areaClass: o.areaClass, population: o.population, applies: applies[k])
        }
    }

    /// `applies[origin][item]`: whether each item applies to each origin's subdistrict.
    func appliesTable(_ origins: [Origin]) -> [[Bool]] {
        let lookup = CatalogLookup(catalog)
        let ids = items.map(\.id)
        var appliesIn: [String: [Bool]] = [:]   // per subdistrict
        return origins.map { o in
            if let known = appliesIn[o.subdistrict] { return known }
            let applying = lookup.applyingItems(subdistrict: o.subdistrict)
            let column = ids.map { applying.contains($0) }
            appliesIn[o.subdistrict] = column
            return column
        }
    }

    func score(origins: [Origin], snaps: [Snap], minutes: [[Double?]], applies: [[Bool]]) -> RunTables {
        let scoredItems = self.scoredItems
        let scoredOrigins = self.scoredOrigins(origins, applies: applies)
        let scores = Scoring.origins(items: scoredItems, origins: scoredOrigins, minutes: minutes)
        let groups = Scoring.groups(items: scoredItems, origins: scoredOrigins, scores: scores)
        return RunTables(catalog: catalog, items: items, origins: origins, snaps: snaps, minutes: minutes,
                         scoredOrigins: scoredOrigins, scores: scores, groups: groups)
    }
}
