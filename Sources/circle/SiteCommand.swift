import ArgumentParser
import CircleEngine
import Foundation

struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Where to add facilities: the sites that close the most 缺项, by each origin's own mode and reach.",
        discussion: """
            Runs the analysis as `circle analyze` does, then chooses among candidate sites (a file of points or \
            polygons with optional id and cost columns, or points every --spacing metres along the streets) the \
            ones that newly cover the most origins (or residents) lacking the item. Greedy (lazy, CELF) always, \
            with its quality bound; an exact plan from GLPK when the instance is small enough or with --exact. \
            Writes sites.csv, sites.geojson, site_coverage.csv, site_subdistricts.csv, site_unreachable.csv, \
            site_facilities.csv (the sites as a facilities file for `circle analyze`) and site.json. See docs/siting.md.

            Examples:
              circle site --network city.scgraph --origins committees.csv --facilities facilities.csv \\
                  --item kindergarten --count 5 --out plan/
              circle site --network city.scgraph --origins committees.csv --facilities facilities.csv \\
                  --item basic --cover-all --candidates parcels.geojson --out plan/
            """)

    @Option(name: .long, help: "OSM file (.osm.pbf, .osm) or graph cache.")
    var network: String

    @Option(name: .long, help: "Origins (居委/村委): CSV or GeoJSON points.")
    var origins: String

    @Option(name: .long, help: "Existing facilities: a CSV or GeoJSON file, or 'osm'. Repeatable.")
    var facilities: [String] = []

    @Option(name: .long, help: "Subdistrict polygons (GeoJSON); network candidates are kept inside them.")
    var areas: String?

    @Option(name: .long, help: "'pudong' or a catalog JSON file.")
    var catalog: String = "pudong"

    @Option(name: .long, help: "An item to plan (id or name); repeatable; 'basic' for every basic item.")
    var item: [String] = []

    @Option(name: .long, parsing: .unconditional, help: "At most this many new sites per item (maximal covering).")
    var count: Int?

    @Flag(name: .long, help: "The fewest sites (least cost) closing every coverable 缺项 of the item.")
    var coverAll = false

    @Option(name: .long, parsing: .unconditional, help: "The fewest sites (least cost) until this share (0–1] of origins (or residents) covers the item.")
    var target: Double?

    @Option(name: .long, help: "Candidate sites: a CSV or GeoJSON file (points or polygons; id, cost optional), or 'network'.")
    var candidates = "network"

    @Option(name: .long, parsing: .unconditional, help: "Spacing of network candidates along the streets, metres.")
    var spacing = 100.0

    @Option(name: .long, help: "What a newly covered origin counts: 'origins' (1 each) or 'population' (its residents).")
    var weight = "origins"

    @Flag(name: .long, help: "Run the exact solver (GLPK) whatever the instance's size.")
    var exact = false

    @Option(name: .long, parsing: .unconditional, help: "Seconds the exact solver may take per item.")
    var timeLimit = 60.0

    @Option(name: .long, help: "Coordinate system of origin, facility and candidate files (as for analyze).")
    var crs: String?

    @Option(name: .long, help: "Text encoding of Shapefile attributes or CSV/GeoJSON files (as for analyze), e.g. GBK.")
    var encoding: String?

    @Option(name: .customLong("walk-kmh"), parsing: .unconditional, help: "Walking speed (default from the catalog: 4).")
    var walkKmh: Double?

    @Option(name: .customLong("cycle-kmh"), parsing: .unconditional, help: "Cycling speed (default from the catalog: 12).")
    var cycleKmh: Double?

    @Option(name: .long, parsing: .unconditional, help: "Maximum snapping distance, metres.")
    var maxSnap: Double = 500

    @Option(name: .long, help: "Output folder (only a new, empty or earlier output folder is replaced).")
    var out: String

    @Flag(name: .long, help: "When another run is writing the same output folder, stop (exit 1) instead of waiting for it.")
    var noWait = false

    @Option(name: .long, help: "Frame of sites.gpkg: wgs84 (default), gcj02 (Amap), bd09 (Baidu) or EPSG:NNNN. CSV and GeoJSON stay WGS84.")
    var outCrs: String?

    @Flag(name: .long, help: "Also write sites.gpkg: the proposed sites as a GeoPackage point layer.")
    var gpkg = false

    @OptionGroup var options: NetworkOptionGroup

    func validate() throws {
        let goals = [count != nil, coverAll, target != nil].filter { $0 }.count
        guard goals == 1 else { throw ValidationError("give exactly one of --count K, --cover-all, --target SHARE") }
        guard SiteOptions.Weight(rawValue: weight) != nil else { throw ValidationError("--weight must be origins or population, got '\(weight)'") }
    }

    func run() async throws {
        var a = AnalysisOptions(network: network, origins: origins, facilities: facilities, out: out)
        a.areas = areas
        a.catalog = catalog
        a.crs = crs
        a.encoding = encoding
        a.walkKmh = walkKmh
        a.cycleKmh = cycleKmh
        a.maxSnapDistance = maxSnap
        a.minComponentNodes = options.minComponentNodes
        a.wait = !noWait
        a.outCRS = outCrs
        a.gpkg = gpkg ? true : nil
        let goal: SiteOptions.Goal = count.map { .count($0) } ?? (coverAll ? .coverAll : .target(target!))
        var o = SiteOptions(analysis: a, items: item, goal: goal)
        o.candidates = candidates
        o.spacing = spacing
        o.weight = SiteOptions.Weight(rawValue: weight)!
        o.exact = exact
        o.timeLimit = timeLimit
        printSite(try await Siting.run(o, log: options.log))
    }
}

/// The lines a finished siting run prints on stdout: one per item, then the sites file.
func printSite(_ result: SiteResult) {
    for p in result.plans {
        let share = p.total > 0 ? (p.coveredBefore + p.plan.covered) / p.total * 100 : 0
        print(String(format: "%@: %d sites newly cover %g of %g lacking (%.1f%% covered after), %@; %@",
                     p.item, p.plan.picks.count, p.plan.covered, p.demandWeight, share, p.plan.method, p.plan.solverNote))
    }
    print("\(result.outputFolder)/sites.csv")
}
