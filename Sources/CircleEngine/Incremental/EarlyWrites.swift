import CircleCatalog
import CircleGeo
import CircleGraph
import CircleReport
import CircleScore
import CircleSupport
import Foundation

/// Output files written into the staging folder as soon as what they show is known, each on a
/// thread of its own, while the run goes on: times.csv while the origins are scored (it lists
/// times and statuses, no score); origins.csv and subdistricts.csv once they are scored, and
/// origins.geojson then too when its rows come from the cache (`--cache`); facilities.csv and
/// .geojson once the catchments are counted; report.html once rendered; the scenario diff once
/// times.csv and summary.json are in place. A city's outputs are 100+ MB, and writing them (most
/// of it the kernel copying bytes into the page cache) used to follow the gap maps and the report
/// on one core; now it overlaps them and each other on both.
///
/// Every file's bytes are those written one after another. A failed write is thrown by
/// ``finish()`` — the same error naming the file — and the run publishes nothing. The run waits
/// for every write before it returns or throws (``waitAll()``): none writes into a staging folder
/// being removed, and the folder goes when the run does, as before.
final class EarlyWrites: @unchecked Sendable {
    /// Started on the run's own thread only.
    private var works: [BackgroundWork<Void>] = []
    /// The run's output folder, which outlives every write (the run waits for them).
    unowned let output: OutputFolder
    let clock: StageClock

    init(output: OutputFolder, clock: StageClock) {
        self.output = output
        self.clock = clock
    }

    /// Runs `body` on a thread of its own (waited for by ``finish()``).
    @discardableResult
    func start(_ body: @escaping @Sendable () throws -> Void) -> BackgroundWork<Void> {
        let work = BackgroundWork(body)
        works.append(work)
        return work
    }

    /// Writes a file made of `parts` into the staging folder.
    func write(_ parts: [Piece], to name: String) throws {
        try output.write(parts: parts, to: name)
    }

    /// Waits for every file, then throws the first failure (in the order the writes were started).
    func finish() throws {
        waitAll()
        for work in works { try work.result() }
    }

    /// Waits for every write, whatever its outcome (on the way out of a failed run).
    func waitAll() {
        for work in works { _ = try? work.result() }
    }
}

extension EarlyWrites {
    /// times.csv, made (with `reuse`, from the rows the cache keeps) and written on a thread of
    /// its own; `tables` need no scores (``AnalysisRun/unscoredTables(_:minutes:applies:)``).
    func times(_ tables: RunTables, reuse: OutputReuse?, digests: OriginRowDigests) -> BackgroundWork<Void> {
        start { [self] in
            try clock.time("write") {
                let made = try RowMemo.make(tables.timesFile(), reuse: reuse.map { tables.timesReuse($0, digests) })
                try write(made.parts, to: made.name)
            }
        }
    }

    /// origins.csv and subdistricts.csv of the scored `run`.
    func originTables(_ run: RunTables, reuse: OutputReuse?, digests: OriginRowDigests) {
        start { [self] in
            try clock.time("write") {
                let made = try RowMemo.make(run.originsFile(), reuse: reuse.map { run.originsReuse($0, digests) })
                try write(made.parts, to: made.name)
                try write([Piece(run.groupTable().bytes)], to: "subdistricts.csv")
            }
        }
    }

    /// origins.geojson of the scored `run`, from the rows the cache keeps (``GapExport/originsReuse(_:_:_:)``).
    func originsGeoJSON(_ run: RunTables, reuse: OutputReuse, digests: OriginRowDigests) {
        start { [self] in
            try clock.time("write gaps") {
                let made = try RowMemo.make(GapExport.originsFile(run), reuse: GapExport.originsReuse(run, reuse, digests))
                try write(made.parts, to: made.name)
            }
        }
    }

    /// The gap files (``GapExport/writeMaps(_:cellSize:to:reuse:)``).
    func gapFiles(_ maps: [GapMap], cellSize: Double, reuse: OutputReuse) {
        start { [self] in
            try clock.time("write gaps") { try GapExport.writeMaps(maps, cellSize: cellSize, to: output, reuse: reuse) }
        }
    }

    /// facilities.csv and .geojson, once `catchments` are counted.
    func facilities(_ catchments: CatchmentsWork, hasPopulation: Bool, reuse: OutputReuse?) {
        start { [self] in
            let files = try CatchmentOutputs.madeFiles(try catchments.result(), hasPopulation: hasPopulation, reuse: reuse)
            try clock.time("write") {
                for made in files { try write(made.parts, to: made.name) }
            }
        }
    }

    /// report.html, rendered from `model` (``HTMLReport/data(_:options:layers:)``'s bytes, written
    /// from the page's text without a copy).
    func report(_ model: ReportModel, layers: ReportLayers?) {
        start { [self] in
            var html = clock.time("report") { HTMLReport.render(model, layers: layers) }
            try html.withUTF8 { utf8 in try output.write(parts: [UnsafeRawBufferPointer(utf8)], to: "report.html") }
        }
    }

    /// The scenario diff (``ScenarioDiff/write(baseline:into:times:)``), once `times` has written
    /// times.csv (summary.json is written before this is called).
    func scenarioDiff(baseline: String, after times: BackgroundWork<Void>) {
        start { [self] in
            try times.result()
            try clock.time("scenario diff") { try ScenarioDiff.write(baseline: baseline, into: output) }
        }
    }
}

extension GapExport {
    /// The gap files (gaps/ITEM.geojson, gaps.geojson) without origins.geojson, which
    /// ``EarlyWrites/originsGeoJSON(_:reuse:)`` writes: with `--cache`, where each map's feature
    /// comes from the cache when unchanged (``features(_:cellSize:reuse:)``).
    static func writeMaps(_ maps: [GapMap], cellSize: Double, to output: OutputFolder, reuse: OutputReuse) throws {
        try writeFeatures(maps, try features(maps, cellSize: cellSize, reuse: reuse), to: output)
    }
}

extension AnalysisRun {
    /// The tables before the origins are scored: what times.csv shows (times, snaps, which items
    /// apply, why a time is blank) and the column headers; scores and groups empty.
    func unscoredTables(_ p: Prepared, minutes: [[Double?]], applies: [[Bool]]) -> RunTables {
        var tables = RunTables(catalog: catalog, items: items, origins: p.origins, snaps: p.originSnaps, minutes: minutes,
                               scoredOrigins: scoredOrigins(p.origins, applies: applies), scores: [], groups: [])
        describeTables(&tables, p)
        return tables
    }

    /// `tables` with their origins scored and grouped (``score(origins:snaps:minutes:applies:)``).
    func scored(_ tables: RunTables) -> RunTables { Self.scored(tables, items: scoredItems) }

    /// `tables` with their origins scored and grouped, the items as `scoredItems`.
    static func scored(_ tables: RunTables, items scoredItems: [ScoredItem]) -> RunTables {
        let scores = Scoring.origins(items: scoredItems, origins: tables.scoredOrigins, minutes: tables.minutes)
        let groups = Scoring.groups(items: scoredItems, origins: tables.scoredOrigins, scores: scores)
        var run = RunTables(catalog: tables.catalog, items: tables.items, origins: tables.origins, snaps: tables.snaps, minutes: tables.minutes,
                            scoredOrigins: tables.scoredOrigins, scores: scores, groups: groups)
        run.noFacility = tables.noFacility
        run.noData = tables.noData
        run.headers = tables.headers
        return run
    }
}

extension AnalysisRun {
    /// Every item's gap map: drawn, or read from the cache (stages `gap inputs`, `gap maps`).
    func drawGapMaps(_ p: Prepared, study: GapStudy, covered: [[Bool?]], searched: Searched,
                     stores: ResultStores) throws -> [GapMap] {
        log.stage("gap maps")
        let inputs = timed("gap inputs") {
            GapMaps.Inputs(study: study, origins: p.origins, items: items, applies: searched.applies, covered: covered,
                           cellMinutes: GapMaps.CellMinutes(centimetres: searched.centimetres, first: p.origins.count,
                                                            speed: p.cellSpeeds),
                           simplifyTolerance: gapTolerance)
        }
        let found = try timed("gap maps") { try gapMaps(inputs, searched: searched, stores: stores) }
        return items.indices.map { found[$0]! }
    }
}
