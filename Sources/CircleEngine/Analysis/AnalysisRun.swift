import CircleCatalog
import CircleCoverage
import CircleGeo
import CircleGraph
import CircleHistory
import CircleInput
import CircleOSM
import CircleReport
import CircleScore
import CircleSupport
import Foundation

/// One `circle analyze` run, stage by stage; every stage records its time.
struct AnalysisRun {
    let options: AnalysisOptions
    let log: StageLog
    let catalog: Catalog
    let items: [Item]
    let output: OutputFolder
    let crs: CoordinateSystem
    let language: ReportLanguage
    let clock = StageClock()
    /// Search units run and taken from the cache.
    var searchReuse = (computed: 0, reused: 0)
    /// Gap maps taken from the cache.
    var gapMapsReused = 0
    var warnings: [String] = []

    init(options: AnalysisOptions, log: StageLog) throws {
        self.options = options
        self.log = log
        catalog = try Analysis.configuredCatalog(options)
        items = try Analysis.selectedItems(catalog, options.items)
        crs = try CoordinateSystem(parsing: options.crs ?? "wgs84")
        guard let lang = ReportLanguage(rawValue: options.language) else {
            throw OptionError("--lang must be zh or en, got '\(options.language)'")
        }
        language = lang
        if options.gaps { _ = try CellGrid(minX: 0, minY: 0, maxX: 0, maxY: 0, size: options.gapCellSize) }
        output = try OutputFolder(destination: options.out)   // fails early on a bad --out
    }

    func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        try clock.time(stage, body)
    }

    mutating func execute() async throws -> AnalysisResult {
        let started = Date()
        let fingerprint = try timed("fingerprint inputs") { try RunFingerprint.of(options) }
        if options.skipUnchanged, RunFingerprint.recorded(in: options.out) == fingerprint {
            throw NothingChanged(folder: options.out)
        }
        log.stage("loading network \(options.network)")
        let loaded = try await NetworkLoader.load(path: options.network,
                                                  options: NetworkOptions(minEligibleNodes: options.minComponentNodes), log: log)
        for (stage, seconds) in loaded.timings { clock.add(stage, seconds) }
        let areas = try timed("read areas") { try options.areas.map { try AreaPolygons(path: $0) } }
        let origins = try timed("read origins") { try OriginReader.read(path: options.origins, catalog: catalog, areas: areas, crs: crs) }
        warnings += Analysis.duplicateIds(origins.map(\.id), file: options.origins)
        log.stage("read \(origins.count) origins")
        var facilityWarnings: [String] = []
        let (facilities, facilitySeconds) = try await measure {
            try await Analysis.readFacilities(options, loaded: loaded, catalog: catalog, items: items, crs: crs,
                                              warnings: &facilityWarnings)
        }
        clock.add("read facilities", facilitySeconds)
        warnings += facilityWarnings
        log.stage("read \(facilities.count) facility points")

        log.stage("snapping")
        let snapStage = SnapStage(networks: loaded.networks, maxDistance: options.maxSnapDistance)
        let originSnaps = timed("snap") { snapStage.origins(origins) }
        try SnapStage.checkMostlySnapped(origins.map { ($0.lon, $0.lat) }, originSnaps, file: options.origins,
                                         network: loaded.networks.walk)
        let unsnapped = origins.indices.filter { originSnaps[$0].status != .snapped }
        if !unsnapped.isEmpty {
            let ids = unsnapped.prefix(5).map { "\(origins[$0].id) (\(originSnaps[$0].status.rawValue))" }.joined(separator: ", ")
            warnings.append("\(options.origins): \(unsnapped.count) origins lie off the network and cover nothing: \(ids)"
                            + (unsnapped.count > 5 ? ", …" : ""))
        }
        let study = try options.gaps ? timed("gap grid") {
            try GapStudy.make(origins: origins, network: loaded.networks.walk, areas: areas, cellSize: options.gapCellSize)
        } : nil
        if let study { log.stage("gap grid: \(study.cells.count) cells of \(options.gapCellSize) m") }

        let cellModes = study.map { s in s.territory.map { origins[$0].mode } } ?? []
        let cellSnaps = timed("snap cells") { study.map { snapStage.points(lon: $0.lon, lat: $0.lat, modes: cellModes) } ?? [] }
        let facilitySnaps = timed("snap") { snapStage.facilities(facilities, modes: Set(origins.map(\.mode))) }
        warnings += Analysis.unsnappedFacilityWarnings(facilities, facilitySnaps)
        var hasFacility = [Bool](repeating: false, count: items.count)
        for f in facilities { hasFacility[f.item] = true }
        let without = items.indices.filter { !hasFacility[$0] }.map { "\(items[$0].id) (\(items[$0].nameZh))" }
        if !without.isEmpty {
            warnings.append("\(without.count) items have no facility and are uncovered everywhere: "
                            + without.joined(separator: ", "))
        }

        log.stage("searching \(items.count) items × \(Set(origins.map(\.mode)).count) modes")
        let speeds: [TravelMode: Double] = [.walk: catalog.metresPerMinute(.walk), .cycle: catalog.metresPerMinute(.cycle)]
        let nets = Dictionary(uniqueKeysWithValues: TravelMode.allCases.map {
            ($0, SearchNetwork(network: loaded.networks[$0], limitMetres: catalog.horizonMinutes * speeds[$0]!))
        })
        let points = zip(origins.map(\.mode) + cellModes, originSnaps + cellSnaps).map { ($0, SnappedPoint($1)) }
        let perItem = items.indices.map { i in
            Dictionary(uniqueKeysWithValues: facilitySnaps.map { mode, snaps in
                (mode, facilities.indices.filter { facilities[$0].item == i }.compactMap { SnappedPoint(snaps[$0]) })
            })
        }
        let progressLog = log
        let cache = try options.cache.map { try SearchCache(folder: $0) }
        let keys = cache.map { _ in
            SearchCache.keys(context: cacheContext(loaded, speeds: speeds), points: points, facilities: perItem)
        } ?? [:]
        var reuse: [CoverageSearch.Unit: [UInt32]] = [:]
        if let cache { for (unit, key) in keys { if let v = cache.load(key) { reuse[unit] = v } } }
        // Every unit's fresh result, to store in the cache (units ≤ items × modes).
        let fresh = ResultSlots<(CoverageSearch.Unit, [UInt32])>(count: perItem.count * TravelMode.allCases.count)
        let counter = WorkCounter()
        var collect: (@Sendable (CoverageSearch.Unit, [UInt32]) -> Void)? = nil
        if cache != nil {
            collect = { unit, values in
                if let k = counter.take(below: .max) { fresh.store(k, (unit, values)) }
            }
        }
        let unitsCollector = collect
        let (centimetres, units) = timed("search") {
            CoverageSearch(networks: nets).run(
                origins: points, facilities: perItem, reuse: reuse, unitResult: unitsCollector,
                progress: { done, total in progressLog.progress("searches", done: done, total: total) })
        }
        if let cache {
            for case let (unit, values)? in fresh.values { try cache.store(keys[unit]!, values) }
        }
        let modesSearched = Set(points.filter { $0.1 != nil }.map(\.0))
        searchReuse = (computed: units.count, reused: perItem.count * modesSearched.count - units.count)
        let n = origins.count
        let minutes: [[Double?]] = centimetres.map { row in
            (0..<n).map { o in row[o] == .max ? nil : Double(row[o]) / 100 / speeds[origins[o].mode]! }
        }

        log.stage("scoring and writing \(options.out)")
        let run = timed("score") { score(origins: origins, snaps: originSnaps, minutes: minutes) }
        try timed("write") { try run.write(to: output) }
        var maps: [GapMap] = []
        if let study {
            log.stage("gap maps")
            let cellMinutes: [[Float]] = centimetres.map { row in
                (0..<study.cells.count).map { k in
                    row[n + k] == .max ? .infinity : Float(Double(row[n + k]) / 100 / speeds[cellModes[k]]!)
                }
            }
            let inputs = GapMaps.Inputs(study: study, origins: origins, items: items,
                                        applies: run.scoredOrigins.map(\.applies), covered: run.scores.map(\.covered),
                                        cellMinutes: cellMinutes, simplifyTolerance: options.gapCellSize * 0.8)
            maps = try timed("gap maps") { try gapMaps(inputs, cache: cache, unitKeys: keys) }
            try timed("write gaps") { try GapExport.write(maps: maps, run: run, study: study, to: output) }
            if options.isochrones {
                log.stage("isochrones")
                let snaps = timed("snap cells") {
                    Dictionary(uniqueKeysWithValues: TravelMode.allCases.map { mode in
                        (mode, snapStage.points(lon: study.lon, lat: study.lat, modes: study.lon.map { _ in mode })
                            .map(SnappedPoint.init))
                    })
                }
                let reach = speeds.mapValues { Centimetres.from(metres: catalog.reachMinutes * $0) }
                let shapes = try timed("isochrones") {
                    try IsochroneMaps.build(.init(study: study, origins: origins, originSnaps: originSnaps.map(SnappedPoint.init),
                                                  cellSnaps: snaps, nets: nets, reach: reach,
                                                  simplifyTolerance: options.gapCellSize * 0.8))
                }
                try timed("write gaps") {
                    try GapExport.writeIsochrones(shapes, origins: origins, reachMinutes: catalog.reachMinutes, to: output)
                }
            }
        }
        let summary = try Summary.make(options: options, catalog: catalog, loaded: loaded, run: run,
                                       facilities: facilities, facilitySnaps: facilitySnaps, units: units,
                                       reused: searchReuse.reused, gapMapsReused: gapMapsReused, fingerprint: fingerprint,
                                       warnings: warnings, timings: clock.seconds)
        try output.write(try summary.json(), to: "summary.json")
        try timed("report") {
            var model = ReportBuilder.model(run: run, summary: summary, network: loaded.networks.walk, maps: maps,
                                            areas: areas, facilities: facilities, lang: language)
            model.notes = changeSincePrevious(run) + model.notes
            try output.write(HTMLReport.data(model), to: "report.html")
        }
        try output.publish()
        if let history = options.history {
            try HistoryRecorder.success(history, started: started, options: options, summary: summary, run: run)
        }
        for w in warnings { log.warn(w) }
        return AnalysisResult(summary: summary, outputFolder: output.destination.path)
    }

    /// Lines for the report saying what changed since the last successful run in the history.
    func changeSincePrevious(_ run: RunTables) -> [String] {
        guard let path = options.history, FileManager.default.fileExists(atPath: path),
              let previous = try? RunHistory(path: path).lastSuccessful() else { return [] }
        let overall = run.groups.last!
        let zh = language == .zh
        let date = ISO8601DateFormatter().string(from: previous.startedAt)
        var lines = [zh ? "与上次运行（第 \(previous.id) 次，\(date)）相比：缺项 \(previous.missingTotal) → \(overall.missingCount)"
                        : "Since run \(previous.id) (\(date)): 缺项 \(previous.missingTotal) → \(overall.missingCount)"]
        for (i, item) in run.items.enumerated() {
            guard let before = previous.itemShares[item.id], let b = before, let a = overall.itemShare[i],
                  abs(a - b) >= 0.0005 else { continue }
            let name = zh ? item.nameZh : item.nameEn
            lines.append(String(format: "%@: %.1f%% → %.1f%%", name, b * 100, a * 100))
        }
        return lines
    }

    /// Every item's gap map, taken from the cache where its key matches, built (and stored) otherwise.
    mutating func gapMaps(_ inputs: GapMaps.Inputs, cache: SearchCache?,
                          unitKeys: [CoverageSearch.Unit: String]) throws -> [GapMap] {
        var found: [Int: GapMap] = [:]
        var keys: [Int: String] = [:]
        if let cache {
            keys = GapCache.keys(study: inputs.study, origins: inputs.origins, applies: inputs.applies, items: items,
                                 tolerance: inputs.simplifyTolerance, unitKeys: unitKeys)
            for (i, key) in keys { if let m = GapCache.load(cache, key: key, item: items[i]) { found[i] = m } }
        }
        let missing = items.indices.filter { found[$0] == nil }
        let built = try GapMaps.build(inputs, indices: missing)
        if let cache { for (i, m) in built { try GapCache.store(cache, key: keys[i]!, m) } }
        gapMapsReused = found.count
        return items.indices.map { found[$0] ?? built[$0]! }
    }

    /// Everything besides points and facilities that a unit's result depends on.
    func cacheContext(_ loaded: LoadedNetworks, speeds: [TravelMode: Double]) -> String {
        ["unit-v1", loaded.inputSHA256, GraphCache.profileFingerprint, "\(options.minComponentNodes)",
         "\(options.maxSnapDistance)", "\(catalog.horizonMinutes)", "\(speeds[.walk]!)", "\(speeds[.cycle]!)"]
            .joined(separator: "|")
    }

    func score(origins: [Origin], snaps: [Snap], minutes: [[Double?]]) -> RunTables {
        let scoredItems = items.map {
            ScoredItem(id: $0.id, domain: $0.domain, isBasic: catalog.kind(of: $0) == .basic,
                       isX: catalog.kind(of: $0) == .x, reachMinutes: $0.reachMinutes)
        }
        let lookup = CatalogLookup(catalog)
        let scoredOrigins = origins.map { o in
            let applying = lookup.applyingItems(subdistrict: o.subdistrict)
            return ScoredOrigin(id: o.id, subdistrict: o.subdistrict.isEmpty ? "(none)" : o.subdistrict,
                                areaClass: o.areaClass, population: o.population,
                                applies: items.map { applying.contains($0.id) })
        }
        let scores = Scoring.origins(items: scoredItems, origins: scoredOrigins, minutes: minutes)
        let groups = Scoring.groups(items: scoredItems, origins: scoredOrigins, scores: scores)
        return RunTables(catalog: catalog, items: items, origins: origins, snaps: snaps, minutes: minutes,
                         scoredOrigins: scoredOrigins, scores: scores, groups: groups)
    }
}
