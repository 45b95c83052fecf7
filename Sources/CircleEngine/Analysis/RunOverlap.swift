import CircleCatalog
import CircleCoverage
import CircleGeo
import CircleGraph
import CircleOSM
import CircleReport
import CircleScore
import CircleSupport
import Foundation

/// Stages of a run that depend on nothing the main line computes meanwhile, started on threads
/// of their own so that the two cores stay busy (Benchmarks/README.md, "Scheduling"), in a run
/// without gap maps: the areas and origins read while the network loads, the report basemap
/// read from the OSM file beside the network, both snap indexes built at once, the search
/// networks made while the run snaps, and the facility catchments (from the nearest facilities
/// the searches kept) while the report model is made. Each
/// keeps its stage name in `run.json`; an error is thrown where the stage used to run, so a run
/// fails with the same message and exit code, and before anything is written.
extension AnalysisRun {
    /// Whether the run overlaps its stages: not with gap maps, which take both cores and most of
    /// the memory (a large city's peak is while they are drawn: nothing more is held then, and
    /// the stages run one after another as they did) — unless it redraws few of them.
    var overlapsStages: Bool { !options.gaps || redrawsFewMaps }

    /// A scenario that adds or removes facilities, with the search cache: it redraws only the gap
    /// maps of the items it changes (the others come from the cache), so its stages overlap as in
    /// a run without gap maps.
    var redrawsFewMaps: Bool { options.scenario != nil && options.scenario?.editsNetwork != true && options.cache != nil }

    /// The areas (`--areas`) and origins (from `cache` when it holds them), read on a thread of
    /// their own: no network is needed.
    /// Not while a scenario edits the network (its links may be read with the same libraries).
    func startInputReads(cache: EntryFolder?) -> BackgroundWork<Unchecked<(AreaPolygons?, [Origin])>>? {
        guard overlapsStages, options.scenario?.editsNetwork != true else { return nil }
        let (options, catalog, crs, clock) = (options, catalog, crs, clock)
        return BackgroundWork {
            let areas = try clock.time("read areas") {
                try options.areas.map { try AreaPolygons(path: $0, catalog: catalog, crs: crs, encoding: options.encoding) }
            }
            let origins = try clock.time("read origins") {
                try Self.readOrigins(options, catalog: catalog, areas: areas, crs: crs, cache: cache)
            }
            return Unchecked((areas, origins))
        }
    }

    /// The report basemap started before the network loads, from the OSM file it will come
    /// from: the file given, or the one a graph cache names (nil while a scenario edits the
    /// network). Used only when the network loaded names the same file.
    func startEarlyBasemap(keys: [String], cache: EntryFolder?) -> (source: OSMFeatureSource, work: BasemapWork)? {
        guard options.scenario?.editsNetwork != true else { return nil }
        let path = GraphCache.isCache(path: options.network) ? GraphCache.header(path: options.network)?.inputPath : options.network
        guard let path else { return nil }
        let source = OSMFeatureSource(path: path, keys: keys)
        return (source, Self.startBasemap(source, cache: cache, clock: clock))
    }

    /// The report basemap (``BaseLandCache``), read on a thread of its own; the OSM file's
    /// features are let go once it is drawn (they are held by nothing else by then), so that
    /// they do not stay in memory while the gap maps are drawn.
    static func startBasemap(_ osm: OSMFeatureSource, cache: EntryFolder?, clock: StageClock) -> BasemapWork {
        BackgroundWork {
            defer { osm.release() }
            return clock.time("report basemap") { Basemap(BaseLandCache.read(osm, cache: cache)) }
        }
    }

    /// Both modes' search networks (arc weights, trip rules, reach samples), made on threads of
    /// their own while the run snaps: they depend on the networks only.
    static func startSearchNetworks(_ networks: Networks, limitMetres: [TravelMode: Double])
        -> BackgroundWork<[TravelMode: SearchNetwork]> {
        BackgroundWork {
            let modes = TravelMode.allCases
            let slots = ResultSlots<SearchNetwork>(count: modes.count)
            DispatchQueue.concurrentPerform(iterations: modes.count) { k in
                slots.store(k, SearchNetwork(network: networks[modes[k]], limitMetres: limitMetres[modes[k]]!))
            }
            return Dictionary(uniqueKeysWithValues: zip(modes, slots.values.map { $0! }))
        }
    }

    /// Every facility's catchment on a thread of its own, when no gap maps are drawn (those
    /// take both cores and their memory) or few are (``redrawsFewMaps``); else here and now.
    /// `result()` gives them.
    func startCatchments(_ p: Prepared, run: RunTables, searched: Searched,
                         cache: EntryFolder?) -> CatchmentsWork {
        let (items, log, clock, box) = (items, log, clock, Unchecked((p, run, searched.nearest)))
        let compute: @Sendable () -> [FacilityCatchment] = {
            let (p, run, nearest) = box.value
            defer { nearest.release() }
            return FacilityCatchments.compute(p, run: run, items: items, log: log, clock: clock, cache: cache, searched: nearest)
        }
        // No thread at all with gap maps: their peak memory depends on which threads allocated before.
        if !overlapsStages || (p.study != nil && !redrawsFewMaps) { return .done(compute()) }
        return .running(BackgroundWork(compute))
    }
}

extension AnalysisRun {
    /// Each origin's coverage of each item as scoring finds it (``Scoring/covered(items:origins:minutes:)``),
    /// from the tables before they are scored.
    func covered(_ tables: RunTables) -> [[Bool?]] {
        Scoring.covered(items: scoredItems, origins: tables.scoredOrigins, minutes: tables.minutes)
    }

    /// The gap maps (``drawGapMaps(_:study:covered:searched:stores:)``) drawn on a thread of their
    /// own, each origin's coverage taken from `tables` (``covered(_:)``); nil without gap maps.
    func startGapMaps(_ p: Prepared, tables: RunTables, searched: Searched,
                      stores: ResultStores) -> BackgroundWork<Unchecked<[GapMap]>>? {
        guard let study = p.study else { return nil }
        let box = Unchecked((self, p, study, tables, searched, stores))
        return BackgroundWork {
            let (run, p, study, tables, searched, stores) = box.value
            return Unchecked(try run.drawGapMaps(p, study: study, covered: run.covered(tables), searched: searched, stores: stores))
        }
    }
}

/// The facility catchments: counted already, or being counted on a thread of their own.
enum CatchmentsWork: Sendable {
    case done([FacilityCatchment])
    case running(BackgroundWork<[FacilityCatchment]>)

    /// The catchments, once counted.
    func result() throws -> [FacilityCatchment] {
        switch self {
        case .done(let c): return c
        case .running(let work): return try work.result()
        }
    }
}

/// The report basemap's water and green rings.
struct Basemap: Sendable {
    var water: [[ReportPosition]]
    var green: [[ReportPosition]]
    init(_ base: (water: [[ReportPosition]], green: [[ReportPosition]])) {
        water = base.water
        green = base.green
    }
}

typealias BasemapWork = BackgroundWork<Basemap>

/// A value handed to another thread that only reads it (the run's inputs, prepared once and
/// never changed; the reference types in them are read-only or locked).
struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
