import ArgumentParser
import CircleEngine
import CircleJob
import Foundation

struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Compute every origin's travel time to every item, score coverage, and write the outputs.",
        discussion: """
            Writes times.csv, origins.csv, subdistricts.csv and summary.json into --out, atomically: \
            a failed run leaves the previous outputs untouched.

            Examples:
              circle analyze --network city.osm.pbf --origins committees.csv --facilities facilities.csv --out run/
              circle analyze --network city.scgraph --origins committees.geojson --facilities osm \\
                  --facilities extra.csv --areas subdistricts.geojson --items kindergarten,primary_school --out run/
            """)

    @Option(name: .long, help: "OSM file (.osm.pbf, .osm) or graph cache.")
    var network: String

    @Option(name: .long, help: "Origins (居委/村委): CSV, GeoJSON, Shapefile, GeoPackage (file.gpkg[:layer]), XLSX (file.xlsx[:Sheet]), FlatGeobuf or KML.")
    var origins: String

    @Option(name: .long, help: "Facilities: a file (formats as for --origins), or 'osm' for the network's OSM tags. Repeatable.")
    var facilities: [String]

    @Option(name: .long, help: "Subdistrict polygons (GeoJSON, Shapefile, GeoPackage, FlatGeobuf, KML) giving subdistrict and area class.")
    var areas: String?

    @Option(name: .long, help: "'pudong' or a catalog JSON file.")
    var catalog: String = "pudong"

    @Option(name: .customLong("walk-kmh"), parsing: .unconditional, help: "Walking speed (default from the catalog: 4).")
    var walkKmh: Double?

    @Option(name: .customLong("cycle-kmh"), parsing: .unconditional, help: "Cycling speed (default from the catalog: 12).")
    var cycleKmh: Double?

    @Option(name: .long, parsing: .unconditional, help: "Reach in minutes for every item (default: each item's own, 15).")
    var reach: Double?

    @Option(name: .long, parsing: .unconditional, help: "Search horizon in minutes (default 30).")
    var horizon: Double?

    @Option(name: .long, help: "Only these items (comma-separated ids or names).")
    var items: String?

    @Option(name: .long, parsing: .unconditional, help: "Maximum snapping distance, metres.")
    var maxSnap: Double = 500

    @Option(name: .long, help: "Coordinate system of origin and facility files: wgs84 (default), gcj02, bd09, or a PROJ CRS (EPSG:4547).")
    var crs: String?

    @Option(name: .long, help: "Text encoding of Shapefile attributes (over the .cpg) and of CSV/GeoJSON files that are not UTF-8, e.g. GBK.")
    var encoding: String?

    @Option(name: .long, parsing: .unconditional, help: "Gap-map cell side in metres (1 to 1000).")
    var gapCell: Double = 50

    @Option(name: .long, help: "Gap maps: the study area is the land within this walking distance of the network, metres (default 200).")
    var gapAccess: Double?

    @Option(name: .long, help: "Gap maps: restrict the study area to residential land, 'osm' (from the OSM file) or a GeoJSON file of polygons.")
    var gapMask: String?

    @Option(name: .long, help: "Memory the gap maps may take, e.g. 8G or 512M (default: half the physical memory).")
    var maxMemory: String?

    @Flag(name: .long, help: "Skip the gap maps (gaps/, origins.geojson).")
    var noGaps = false

    @Option(name: .long, help: "A folder keeping search results between runs: a rerun searches only items whose inputs changed.")
    var cache: String?

    @Option(name: .long, parsing: .unconditional, help: "Remove cache entries no run used for this many days (default 14).")
    var cacheKeepDays: Double?

    @Option(name: .long, help: "Record the run in this SQLite run history (see `circle history`, `circle diff`).")
    var history: String?

    @Option(name: .long, help: "Also record the run in this PostGIS database, in one transaction (postgresql://user@host:port/db; docs/postgis.md).")
    var db: String?

    @Flag(name: .long, help: "Exit with code 2, leaving the outputs, when they came from the same inputs and options.")
    var skipUnchanged = false

    @Option(name: .long, help: "Language of report.html (default zh) and, when given, of the tables' column headers (default English).")
    var lang: String?

    @Option(name: .long, help: "Frame of run.gpkg's geometries and the report's coordinates: wgs84 (default), gcj02 (Amap), bd09 (Baidu) or EPSG:NNNN. GeoJSON stays WGS84.")
    var outCrs: String?

    @Flag(name: .long, help: "Also write run.gpkg: origins, gaps, subdistricts, facilities and the tables as GeoPackage layers.")
    var gpkg = false

    @Flag(name: .long, help: "Also write coverage.xlsx: origins × items minutes, 缺项, subdistricts and parameters sheets.")
    var xlsx = false

    @Flag(name: .long, help: "Also write each origin's reachable area within the reach (isochrones.geojson).")
    var isochrones = false

    @Flag(name: .long, help: "Refuse facilities of a type the catalog does not know (default: skip them with a warning).")
    var strict = false

    @Option(name: .long, help: "Output folder (replaced when the run succeeds; only a new, empty or earlier output folder).")
    var out: String

    @Flag(name: .long, help: "When another run is writing the same output folder, stop (exit 1) instead of waiting for it.")
    var noWait = false

    @Option(name: .long, help: "Run only shard K of N (e.g. 2/3): search and map every N-th item into --parts; `circle merge` writes the outputs.")
    var shard: String?

    @Option(name: .long, help: "Folder for the shards' partial results (with --shard; read by `circle merge`).")
    var parts: String?

    @Option(name: .long, help: "A what-if scenario (YAML or CSV): facilities to add or remove, streets to close, links to add (docs/scenarios.md).")
    var scenario: String?

    @Option(name: .long, help: "An earlier output folder to compare with: writes scenario_diff.txt, .csv and .json.")
    var baseline: String?

    @OptionGroup var options: NetworkOptionGroup

    func validate() throws {
        if isochrones && noGaps { throw ValidationError("--isochrones uses the gap-map cells: drop --no-gaps") }
        if shard != nil && (scenario != nil || baseline != nil) {
            throw ValidationError("--scenario and --baseline run in one process: drop --shard")
        }
        if let shard {
            do { _ = try ShardSpec(parsing: shard) } catch { throw ValidationError("\(error)") }
            if parts == nil { throw ValidationError("--shard needs --parts DIR, the folder for the partial results") }
        }
    }

    func run() async throws {
        var o = AnalysisOptions(network: network, origins: origins, facilities: facilities, out: out)
        o.areas = areas
        o.catalog = catalog
        o.walkKmh = walkKmh
        o.cycleKmh = cycleKmh
        o.reachMinutes = reach
        o.horizonMinutes = horizon
        o.items = items?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        o.maxSnapDistance = maxSnap
        o.minComponentNodes = options.minComponentNodes
        o.crs = crs
        o.encoding = encoding
        o.gapCellSize = gapCell
        o.gapAccess = gapAccess
        o.gapMask = gapMask
        o.maxMemory = try maxMemory.map(AnalysisOptions.parseMemory)
        o.gaps = !noGaps
        o.isochrones = isochrones
        o.language = lang ?? "zh"
        o.tableLanguage = lang
        o.outCRS = outCrs
        o.gpkg = gpkg ? true : nil
        o.xlsx = xlsx ? true : nil
        o.cache = cache
        o.cacheKeepDays = cacheKeepDays
        o.skipUnchanged = skipUnchanged
        o.history = history
        o.db = db
        o.parts = parts
        o.wait = !noWait
        o.strict = strict ? true : nil
        o.scenario = try scenario.map { try ScenarioFile.load(path: $0) }
        o.baseline = baseline
        if let shard {
            printShard(try await Analysis.shard(o, spec: try ShardSpec(parsing: shard), log: options.log))
        } else {
            printResult(try await Analysis.run(o, log: options.log))
        }
    }
}
