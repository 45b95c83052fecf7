import CircleCatalog
import CircleCoverage
import CircleGeo
import CircleGraph
import CircleInput
import CircleOSM
import CircleSupport
import Foundation

/// Everything a run knows before its searches: inputs read and snapped, the gap-map grid, the
/// search networks and each unit's content key. Every shard of a run prepares the same.
struct Prepared {
    let fingerprint: String
    let loaded: LoadedNetworks
    /// The OSM file's tagged features, read on first use (facilities, residential mask, basemap).
    let osm: OSMFeatureSource
    /// The report basemap, read on a thread of its own (when asked for).
    let basemap: BasemapWork?
    let areas: AreaPolygons?
    let origins: [Origin]
    let facilities: [FacilityPoint]
    let snapStage: SnapStage
    let originSnaps: [Snap]
    let facilitySnaps: [TravelMode: [Snap]]
    let study: GapStudy?
    /// The mode of each gap-map cell (its territory's origin's).
    let cellModes: [TravelMode]
    let speeds: [TravelMode: Double]
    let nets: [TravelMode: SearchNetwork]
    /// Origins, then gap cells: the points every search reads.
    let points: [(mode: TravelMode, snap: SnappedPoint?)]
    /// Per item, per mode, the snapped facilities.
    let perItem: [[TravelMode: [SnappedPoint]]]
    /// Each unit's content key (when results are cached, sharded or merged; else empty).
    let unitKeys: [CoverageSearch.Unit: String]
    /// Per mode, how many snapped origins a unit's times begin with, and how many snapped
    /// points (origins, then gap cells) they cover.
    let originPoints: [TravelMode: Int]
    let allPoints: [TravelMode: Int]

    /// Whether some origin carries a population (else residents' figures are left blank).
    var hasPopulation: Bool { origins.contains { $0.population != nil } }

    /// Each item's minutes from each origin as listed: rounded up to 3 decimals (SPEC §8,
    /// ``ListedMinutes``), so that the times written and the coverage scored from them agree; nil
    /// when unreachable within the horizon (by the listed value too), or unsnapped.
    func originMinutes(_ centimetres: [[UInt32]], horizon: Double) -> [[Double?]] {
        let speed = origins.map { speeds[$0.mode]! }
        return centimetres.map { row in
            speed.indices.map { o in
                guard row[o] != .max else { return nil }
                let listed = ListedMinutes.roundedUp(Double(row[o]) / 100 / speed[o])
                return listed <= horizon ? listed : nil
            }
        }
    }

    /// Per mode, the snapped points among `points[..<end]`.
    static func counts(_ points: ArraySlice<(mode: TravelMode, snap: SnappedPoint?)>) -> [TravelMode: Int] {
        var n: [TravelMode: Int] = [.walk: 0, .cycle: 0]
        for p in points where p.snap != nil { n[p.mode]! += 1 }
        return n
    }

    /// Each gap-map cell's speed, metres a minute (its mode's): read per mode, not looked up in
    /// ``speeds`` per cell (a city has millions of cells).
    var cellSpeeds: [Double] {
        let (walk, cycle) = (speeds[.walk]!, speeds[.cycle]!)
        return cellModes.map { mode in
            switch mode {
            case .walk: walk
            case .cycle: cycle
            }
        }
    }

    /// The units that have points to search for: each item on each mode some origin travels by.
    var units: [CoverageSearch.Unit] {
        perItem.indices.flatMap { i in
            TravelMode.allCases.filter { allPoints[$0]! > 0 }.map { CoverageSearch.Unit(item: i, mode: $0) }
        }
    }
}

extension AnalysisRun {
    /// Reads, checks and snaps the inputs and lays out the gap grid; with `basemap`, starts
    /// reading the report basemap on a thread of its own.
    mutating func prepare(_ stores: ResultStores, basemap: Bool = false) async throws -> Prepared {
        let digests = stores.cache?.folder.appendingPathComponent("digests.tsv").path
        if let digests { DigestStore.load(from: digests) }
        let fingerprint = try timed("fingerprint inputs") { try RunFingerprint.of(options) }
        if let digests { try DigestStore.save(to: digests) }
        if options.skipUnchanged, RunFingerprint.recorded(in: options.out) == fingerprint,
           try DatabaseRecorder.holds(options, fingerprint: fingerprint) {
            throw NothingChanged(folder: options.out)
        }
        log.stage("loading network \(options.network)")
        let networkOptions = NetworkOptions(minEligibleNodes: options.minComponentNodes)
        let inputReads = startInputReads(cache: stores.cache?.entries)   // areas and origins, read while the network loads
        let featureKeys = BaseLand.keys
            + (options.facilities.contains("osm") ? FacilityReader.featureKeys(items: items) : [])
            + (options.gapMask == "osm" ? ResidentialLand.keys : [])
        // The basemap is read from the start, beside the network, when nothing else reads the
        // OSM file's features; else once the others have them (one read for all).
        let sharesFeatures = options.facilities.contains("osm") || (options.gaps && options.gapMask == "osm")
        let early = basemap && !sharesFeatures ? startEarlyBasemap(keys: featureKeys, cache: stores.cache?.entries) : nil
        let loaded = try await options.scenario.map { $0.editsNetwork } == true
            ? ScenarioNetwork.load(path: options.network, scenario: options.scenario!, crs: crs ?? .wgs84, options: networkOptions,
                                   log: log)
            : NetworkLoader.load(path: options.network, options: networkOptions, log: log)
        for (stage, seconds) in loaded.timings { clock.add(stage, seconds) }
        let areas: AreaPolygons?, origins: [Origin]
        if let inputReads {
            (areas, origins) = try inputReads.result().value
        } else {
            areas = try timed("read areas") { try options.areas.map { try AreaPolygons(path: $0, catalog: catalog, crs: crs, encoding: options.encoding) } }
            origins = try timed("read origins") {
                try Self.readOrigins(options, catalog: catalog, areas: areas, crs: crs, cache: stores.cache?.entries)
            }
        }
        warnings += Analysis.duplicateIds(origins.map(\.id), file: options.origins)
        log.stage("read \(origins.count) origins")
        // One read of the OSM file's tagged features for every stage that wants some.
        let sameFile = early?.source.path == loaded.inputPath
        let osm = sameFile ? early!.source : OSMFeatureSource(path: loaded.inputPath, keys: featureKeys)
        let earlyBasemap = sameFile ? early?.work : nil
        var facilityWarnings: [String] = []
        let (facilitiesRead, facilitySeconds) = try await measure {
            try await Analysis.readFacilities(options, osm: osm, catalog: catalog, items: items, crs: crs,
                                              warnings: &facilityWarnings)
        }
        clock.add("read facilities", facilitySeconds)
        var facilities = facilitiesRead
        if let scenario = options.scenario {
            facilities = try ScenarioFacilities.apply(scenario, to: facilities, catalog: catalog, items: items, crs: crs ?? .wgs84)
        }
        warnings += facilityWarnings
        log.stage("read \(facilities.count) facility points")

        log.stage("snapping")
        let speeds: [TravelMode: Double] = [.walk: catalog.metresPerMinute(.walk), .cycle: catalog.metresPerMinute(.cycle)]
        let limits = speeds.mapValues { catalog.horizonMinutes * $0 }
        let searchNetworks = overlapsStages ? Self.startSearchNetworks(loaded.networks, limitMetres: limits) : nil
        let context = cacheContext(loaded, speeds: speeds)
        // The gap grid, cells' and origins' snaps from the cache, when it holds them for these
        // inputs: read while the snap indexes are built when the run overlaps its stages.
        var studyKey: String?
        var storedLoad: (@Sendable () -> Unchecked<StudyCache.Entry?>)?
        if options.gaps, let cache = stores.cache {
            let areasSHA = try options.areas.map { try sha256Hex(ofFileAt: $0) }
            let maskKey = try options.gapMask.map { $0 == "osm" ? "osm" : "file:" + (try sha256Hex(ofFileAt: $0)) } ?? "none"
            let key = StudyCache.key(context: context, origins: origins, areasSHA256: areasSHA, cellSize: options.gapCellSize,
                                     access: options.gapAccess ?? GapStudy.defaultAccess, mask: maskKey)
            studyKey = key
            let entries = cache.entries
            storedLoad = { [clock] in Unchecked(clock.time("gap grid") { StudyCache.load(entries, key: key) }) }
        }
        let storedWork = overlapsStages ? storedLoad.map { BackgroundWork($0) } : nil
        let snapStage = timed("snap") { SnapStage(networks: loaded.networks, maxDistance: options.maxSnapDistance, sideBySide: overlapsStages) }
        let stored = try storedWork.map { try $0.result().value } ?? storedLoad?().value
        let originSnaps = stored?.originSnaps ?? timed("snap") { snapStage.origins(origins) }
        try SnapStage.checkMostlySnapped(origins.map { ($0.lon, $0.lat) }, originSnaps, file: options.origins,
                                         network: loaded.networks.walk)
        let unsnapped = origins.indices.filter { originSnaps[$0].status != .snapped }
        if !unsnapped.isEmpty {
            let ids = unsnapped.prefix(5).map { "\(origins[$0].id) (\(originSnaps[$0].status.rawValue))" }.joined(separator: ", ")
            warnings.append("\(options.origins): \(unsnapped.count) origins lie off the network and cover nothing: \(ids)"
                            + (unsnapped.count > 5 ? ", …" : ""))
        }
        let entry = try stored ?? gapStudy(origins: origins, originSnaps: originSnaps, loaded: loaded, osm: osm, areas: areas,
                                           snapStage: snapStage, keyed: stores.keyed)
        if stored == nil, let entry, let key = studyKey, let cache = stores.cache {
            try StudyCache.store(cache.entries, key: key, entry)
        }
        let study = entry?.study, cellPoints = entry?.cellSnaps ?? []
        if let study {
            log.stage(String(format: "gap grid: %d cells of %g m, study area %.2f km² (%@)", study.cells.count,
                             options.gapCellSize, study.areaSquareKilometres, study.basis))
        }
        let cellModes = study.map { s in s.territory.map { origins[$0].mode } } ?? []
        let facilitySnaps = timed("snap") { snapStage.facilities(facilities, modes: Set(origins.map(\.mode))) }
        for file in options.facilities where file != "osm" {
            let mine = facilities.indices.filter { facilities[$0].source == file }
            let snapped = mine.map { i in facilitySnaps.values.contains { $0[i].status == .snapped } }
            if let warning = try SnapStage.checkFacilityFile(file, points: mine.map { (facilities[$0].lon, facilities[$0].lat) },
                                                             snapped: snapped, network: loaded.networks.walk) {
                warnings.append(warning)
            }
        }
        warnings += Analysis.unsnappedFacilityWarnings(facilities, facilitySnaps)
        var hasFacility = [Bool](repeating: false, count: items.count)
        for f in facilities { hasFacility[f.item] = true }
        let without = items.indices.filter { !hasFacility[$0] }.map { "\(items[$0].id) (\(items[$0].nameZh))" }
        if !without.isEmpty {
            warnings.append("\(without.count) items have no facility and are uncovered everywhere: "
                            + without.joined(separator: ", "))
        }

        let nets = try searchNetworks?.result() ?? Dictionary(uniqueKeysWithValues: TravelMode.allCases.map {
            ($0, SearchNetwork(network: loaded.networks[$0], limitMetres: limits[$0]!))
        })
        let points = zip(origins.map(\.mode) + cellModes, originSnaps.map(SnappedPoint.init) + cellPoints)
            .map { (mode: $0, snap: $1) }
        let perItem = items.indices.map { i in
            Dictionary(uniqueKeysWithValues: facilitySnaps.map { mode, snaps in
                (mode, facilities.indices.filter { facilities[$0].item == i }.compactMap { SnappedPoint(snaps[$0]) })
            })
        }
        let keys = stores.keyed ? timed("unit keys") {
            SearchCache.keys(context: context, origins: Array(points[..<origins.count]),
                             cellDigests: entry?.cellDigests ?? SearchCache.cellDigests([]), facilities: perItem)
        } : [:]
        let basemapWork = earlyBasemap ?? (basemap ? Self.startBasemap(osm, cache: stores.cache?.entries, clock: clock) : nil)
        return Prepared(fingerprint: fingerprint, loaded: loaded, osm: osm, basemap: basemapWork, areas: areas, origins: origins, facilities: facilities,
                        snapStage: snapStage, originSnaps: originSnaps, facilitySnaps: facilitySnaps, study: study,
                        cellModes: cellModes, speeds: speeds, nets: nets, points: points, perItem: perItem, unitKeys: keys,
                        originPoints: Prepared.counts(points[..<origins.count]), allPoints: Prepared.counts(points[...]))
    }

    /// The gap-map grid, its cells' snaps and (when results are kept) their digests; nil without gap maps.
    func gapStudy(origins: [Origin], originSnaps: [Snap], loaded: LoadedNetworks, osm: OSMFeatureSource, areas: AreaPolygons?,
                  snapStage: SnapStage, keyed: Bool) throws -> StudyCache.Entry? {
        guard options.gaps else { return nil }
        let mask: GapMask
        switch options.gapMask {
        case nil: mask = .none
        case "osm"?: mask = .osm(path: loaded.inputPath, outlines: try timed("gap mask") { try ResidentialLand.read(osm) })
        case let path?: mask = .file(path: path, areas: try timed("gap mask") { try AreaSet.read(path: path) })
        }
        let memory = GapMemory(limit: options.maxMemory ?? GapMemory.defaultLimit, items: items.count,
                               modes: Set(origins.map(\.mode)).count, keyed: keyed,
                               threads: max(1, ProcessInfo.processInfo.activeProcessorCount))
        let study = try timed("gap grid") {
            try GapStudy.make(origins: origins, network: loaded.networks.walk, areas: areas, cellSize: options.gapCellSize,
                              access: options.gapAccess ?? GapStudy.defaultAccess, mask: mask, memory: memory)
        }
        let modes = study.territory.map { origins[$0].mode }
        let snaps = timed("snap cells") { snapStage.cells(lon: study.lon, lat: study.lat, modes: modes).map(SnappedPoint.init) }
        let digests = keyed ? timed("unit keys") { SearchCache.cellDigests(Array(zip(modes, snaps)).map { (mode: $0, snap: $1) }) } : [:]
        return StudyCache.Entry(study: study, cellSnaps: snaps, cellDigests: digests, originSnaps: originSnaps)
    }

    /// Everything besides points and facilities that a unit's result depends on.
    func cacheContext(_ loaded: LoadedNetworks, speeds: [TravelMode: Double]) -> String {
        ["unit-v1", loaded.inputSHA256, GraphCache.profileFingerprint, "\(options.minComponentNodes)",
         "\(options.maxSnapDistance)", "\(catalog.horizonMinutes)", "\(speeds[.walk]!)", "\(speeds[.cycle]!)"]
            .joined(separator: "|")
    }
}
