import CircleCatalog
import CircleCoverage
import CircleGeo
import CircleGraph
import CircleInput
import CircleOSM
import CircleScore
import CircleSupport
import Foundation

/// The result of `circle analyze`, as kept in memory after the outputs are written.
public struct AnalysisResult: Sendable {
    public var summary: Summary
    /// Where the outputs stand.
    public var outputFolder: String
}

/// The coverage job (SPEC §2–6, §8): load, snap, search, score, write — outputs published atomically.
public enum Analysis {
    public static func run(_ options: AnalysisOptions, log: StageLog) async throws -> AnalysisResult {
        var timings: [String: Double] = [:]
        var warnings: [String] = []
        let catalog = try configuredCatalog(options)
        let items = try selectedItems(catalog, options.items)
        let output = try OutputFolder(destination: options.out)   // fails early on a bad --out

        log.stage("loading network \(options.network)")
        let loaded = try await NetworkLoader.load(path: options.network,
                                                  options: NetworkOptions(minEligibleNodes: options.minComponentNodes), log: log)
        timings.merge(loaded.timings) { a, _ in a }

        let areas: AreaLookup? = try options.areas.map { try AreaPolygons(path: $0) }
        let (origins, originSeconds) = try measure { try OriginReader.read(path: options.origins, catalog: catalog, areas: areas) }
        timings["read origins"] = originSeconds
        warnings += duplicateIds(origins.map(\.id), file: options.origins)
        log.stage("read \(origins.count) origins")

        let (facilities, facilitySeconds) = try await measure {
            try await readFacilities(options, loaded: loaded, catalog: catalog, items: items, warnings: &warnings)
        }
        timings["read facilities"] = facilitySeconds
        log.stage("read \(facilities.count) facility points")

        log.stage("snapping")
        let snapStage = SnapStage(networks: loaded.networks, maxDistance: options.maxSnapDistance)
        let ((originSnaps, facilitySnaps), snapSeconds) = measure {
            (snapStage.origins(origins), snapStage.facilities(facilities, modes: Set(origins.map(\.mode))))
        }
        timings["snap"] = snapSeconds
        try SnapStage.checkMostlySnapped(origins.map { ($0.lon, $0.lat) }, originSnaps, file: options.origins,
                                         network: loaded.networks.walk)
        warnings += unsnappedFacilityWarnings(facilities, facilitySnaps)
        for (i, item) in items.enumerated() where !facilities.contains(where: { $0.item == i }) {
            warnings.append("item \(item.id) (\(item.nameZh)) has no facility: uncovered everywhere")
        }

        log.stage("searching \(items.count) items × \(Set(origins.map(\.mode)).count) modes")
        let speeds: [TravelMode: Double] = [.walk: catalog.metresPerMinute(.walk), .cycle: catalog.metresPerMinute(.cycle)]
        let nets = Dictionary(uniqueKeysWithValues: TravelMode.allCases.map {
            ($0, SearchNetwork(network: loaded.networks[$0], limitMetres: catalog.horizonMinutes * speeds[$0]!))
        })
        let ((centimetres, units), searchSeconds) = measure {
            CoverageSearch(networks: nets).run(
                origins: zip(origins, originSnaps).map { ($0.mode, SnappedPoint($1)) },
                facilities: items.indices.map { i in
                    Dictionary(uniqueKeysWithValues: facilitySnaps.map { mode, snaps in
                        (mode, facilities.indices.filter { facilities[$0].item == i }.compactMap { SnappedPoint(snaps[$0]) })
                    })
                })
        }
        timings["search"] = searchSeconds
        let minutes: [[Double?]] = centimetres.map { row in
            row.enumerated().map { o, cm in cm == .max ? nil : Double(cm) / 100 / speeds[origins[o].mode]! }
        }

        log.stage("scoring and writing \(options.out)")
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
        let run = RunTables(catalog: catalog, items: items, origins: origins, snaps: originSnaps, minutes: minutes,
                            scoredOrigins: scoredOrigins, scores: scores, groups: groups)
        let (_, writeSeconds) = try measure { try run.write(to: output) }
        timings["write"] = writeSeconds
        let summary = try Summary.make(options: options, catalog: catalog, loaded: loaded, run: run,
                                       facilities: facilities, facilitySnaps: facilitySnaps, units: units,
                                       warnings: warnings, timings: timings)
        try output.write(try summary.json(), to: "summary.json")
        try output.publish()
        for w in warnings { log.warn(w) }
        return AnalysisResult(summary: summary, outputFolder: output.destination.path)
    }

    /// The catalog with the options' overrides applied, checked.
    static func configuredCatalog(_ o: AnalysisOptions) throws -> Catalog {
        var catalog = try Catalog.resolve(o.catalog)
        func positive(_ v: Double?, _ name: String) throws -> Double? {
            guard let v else { return nil }
            guard v > 0, v.isFinite else { throw OptionError("\(name) must be a positive number, got \(v)") }
            return v
        }
        if let v = try positive(o.walkKmh, "--walk-kmh") { catalog.walkKmh = v }
        if let v = try positive(o.cycleKmh, "--cycle-kmh") { catalog.cycleKmh = v }
        if let v = try positive(o.horizonMinutes, "--horizon") { catalog.horizonMinutes = v }
        if let v = try positive(o.reachMinutes, "--reach") {
            catalog.reachMinutes = v
            for i in catalog.items.indices { catalog.items[i].reachMinutes = v }
        }
        guard o.maxSnapDistance > 0 else { throw OptionError("--max-snap must be positive") }
        if let bad = catalog.items.first(where: { $0.reachMinutes > catalog.horizonMinutes }) {
            throw OptionError("the reach of \(bad.id) (\(bad.reachMinutes) min) exceeds the horizon "
                              + "(\(catalog.horizonMinutes) min): raise --horizon")
        }
        return catalog
    }

    /// The run's items in catalog order (all, or those named).
    static func selectedItems(_ catalog: Catalog, _ names: [String]?) throws -> [Item] {
        guard let names, !names.isEmpty else { return catalog.items }
        var chosen = Set<String>()
        for name in names {
            guard let item = catalog.item(named: name) else {
                throw OptionError("--items: '\(name)' is not an item of catalog \(catalog.id) "
                                  + "(see `circle catalog`); known ids: \(catalog.items.map(\.id).joined(separator: ", "))")
            }
            chosen.insert(item.id)
        }
        return catalog.items.filter { chosen.contains($0.id) }
    }

    static func readFacilities(_ o: AnalysisOptions, loaded: LoadedNetworks, catalog: Catalog, items: [Item],
                               warnings: inout [String]) async throws -> [FacilityPoint] {
        var out: [FacilityPoint] = []
        for source in o.facilities {
            if source == "osm" {
                let osmPath = loaded.inputPath
                guard FileManager.default.fileExists(atPath: osmPath) else {
                    throw OptionError("--facilities osm reads the OSM file the network came from, \(osmPath), which is gone")
                }
                let data = try OSMData.read(path: osmPath, featureKeys: FacilityReader.featureKeys(items: items))
                out += try FacilityReader.fromOSM(data, items: items)
            } else {
                out += try FacilityReader.read(path: source, catalog: catalog, items: items, warnings: &warnings)
            }
        }
        return out
    }

    static func duplicateIds(_ ids: [String], file: String) -> [String] {
        var seen = Set<String>(), dup: [String] = []
        for id in ids where !seen.insert(id).inserted { dup.append(id) }
        guard !dup.isEmpty else { return [] }
        return ["\(file): \(dup.count) duplicate origin ids (\(dup.prefix(5).joined(separator: ", "))\(dup.count > 5 ? ", …" : ""))"]
    }

    static func unsnappedFacilityWarnings(_ f: [FacilityPoint], _ snaps: [TravelMode: [Snap]]) -> [String] {
        snaps.sorted { $0.key.rawValue < $1.key.rawValue }.compactMap { mode, s in
            let missed = f.indices.filter { s[$0].status != .snapped }
            guard !missed.isEmpty else { return nil }
            let ids = missed.prefix(5).map { f[$0].id }.joined(separator: ", ")
            return "\(missed.count) facility points lie off the \(mode.rawValue) network and are left out (\(ids)\(missed.count > 5 ? ", …" : ""))"
        }
    }
}
