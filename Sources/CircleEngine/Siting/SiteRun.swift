import CircleCatalog
import CircleCoverage
import CircleGeo
import CircleGIS
import CircleGraph
import CircleReport
import CircleScore
import CircleSiting
import CircleSupport
import Foundation

/// What `circle site` found for one item.
public struct ItemPlan: Sendable {
    public var item: String
    public var plan: SitingPlan
    /// Origins lacking the item (applicable, not covered today), and their weight.
    public var demands: Int
    public var demandWeight: Double
    /// Weight already covered and of every origin the item applies to.
    public var coveredBefore: Double
    public var total: Double
    /// Origins lacking the item that no candidate reaches (indices into the run's origins), with
    /// why (`unsnapped`, `no candidate within reach`).
    public var unreachable: [(origin: Int, reason: String)]
}

/// The result of `circle site`.
public struct SiteResult: Sendable {
    public var plans: [ItemPlan]
    public var outputFolder: String
}

/// `circle site`: where new facilities close the most 缺项. The run is prepared, searched and
/// scored exactly as `circle analyze` (same origins, modes, reaches and applicable items); each
/// candidate is then searched as the only facility of the item, with the very search and trip
/// rules of the analysis, so that adding the chosen sites to the facilities and running
/// `circle analyze` again covers exactly the origins reported here.
public enum Siting {
    public static func run(_ options: SiteOptions, log: StageLog) async throws -> SiteResult {
        try options.validate()
        var a = options.analysis
        a.gaps = false
        a.isochrones = false
        a.skipUnchanged = false
        a.parts = nil
        let catalog = try Analysis.configuredCatalog(a)
        a.items = try itemIds(options.items, catalog: catalog)
        // The candidates file is an input too: the plan's folder must never hold or replace it.
        if options.candidates != "network" {
            try OutputPlace.checkFolder(a.out, option: a.outOption,
                                        protected: a.protectedPaths + [ProtectedPath("the candidates file", InputFiles.files(of: options.candidates)[0])])
        }
        var run = try AnalysisRun(options: a, log: log)
        let stores = try run.stores()
        let p = try await run.prepare(stores)
        let searched = try run.search(p, stores: stores, owned: nil)
        let tables = run.score(origins: p.origins, snaps: p.originSnaps, minutes: p.originMinutes(searched.centimetres, horizon: run.catalog.horizonMinutes),
                               applies: searched.applies)
        let weights = try originWeights(p.origins, options.weight, file: a.origins)

        // Who lacks what.
        let items = run.items
        var demandsOf = [[Int]](repeating: [], count: items.count)
        for o in p.origins.indices {
            for i in items.indices where tables.scores[o].covered[i] == false { demandsOf[i].append(o) }
        }
        let candidates = try run.timed("candidates") { try siteCandidates(options, p: p, demands: demandsOf, items: items) }
        log.stage("\(candidates.count) candidate sites; \(demandsOf.map(\.count).reduce(0, +)) (origin, item) pairs lacking an item")
        let reach = try run.timed("site coverage") {
            try SiteCoverage.compute(p: p, items: items, demands: demandsOf, candidates: candidates, log: log)
        }
        var plans: [ItemPlan] = []
        for i in items.indices {
            let applicable = p.origins.indices.filter { tables.scores[$0].covered[i] != nil }
            let coveredBefore = applicable.filter { tables.scores[$0].covered[i] == true }.reduce(0) { $0 + weights[$1] }
            let total = applicable.reduce(0) { $0 + weights[$1] }
            let demands = demandsOf[i]
            let position = Dictionary(uniqueKeysWithValues: demands.enumerated().map { ($1, Int32($0)) })
            let instance = CoverageInstance(weights: demands.map { weights[$0] },
                                            covers: reach.covers[i].map { $0.map { position[$0]! } },
                                            costs: candidates.map(\.cost))
            let goal: SitingGoal
            switch options.goal {
            case .count(let k): goal = .count(k)
            case .coverAll: goal = .coverAll
            case .target(let share): goal = .target(share: share, alreadyCovered: coveredBefore, total: total)
            }
            var plan = run.timed("siting") { LazyGreedy.solve(instance, goal: goal) }
            if options.exact || ExactCover.isSmall(instance) {
                log.stage("\(items[i].id): exact plan (GLPK, at most \(Int(options.timeLimit)) s)")
                let greedy = plan
                plan = run.timed("siting") { ExactCover.solve(instance, goal: goal, greedy: greedy, timeLimit: options.timeLimit) }
            } else {
                plan.solverNote = "greedy only: the instance is too large for the exact solver by default (use --exact to insist)"
            }
            var unreachable = demands.filter { p.originSnaps[$0].status != .snapped }.map { ($0, "unsnapped") }
            let reachable = Set(reach.covers[i].flatMap { $0 })
            unreachable += demands.filter { p.originSnaps[$0].status == .snapped && !reachable.contains($0) }
                .map { ($0, "no candidate within reach") }
            plans.append(ItemPlan(item: items[i].id, plan: plan, demands: demands.count, demandWeight: instance.weights.reduce(0, +),
                                  coveredBefore: coveredBefore, total: total, unreachable: unreachable))
            log.stage("\(items[i].id): \(plan.picks.count) sites cover \(Format.number(plan.covered)) of "
                      + "\(Format.number(instance.weights.reduce(0, +))) lacking (\(plan.method))")
        }
        try SiteOutputs.write(plans, options: options, run: run, p: p, demandsOf: demandsOf, weights: weights,
                              candidates: candidates, to: run.output)
        let report = SiteReportBuilder.model(plans, run: run, p: p, tables: tables, demandsOf: demandsOf, candidates: candidates,
                                             goal: options.goal)
        try run.output.write(SiteReport.data(report), to: "report.html")
        try run.output.write(try run.record(kind: "site", fingerprint: p.fingerprint).json(), to: "run.json")
        try run.output.publish()
        for w in run.warnings { log.warn(w) }
        return SiteResult(plans: plans, outputFolder: run.output.destination.path)
    }

    /// The item ids to plan: names resolved, `basic` expanded, in catalog order.
    static func itemIds(_ names: [String], catalog: Catalog) throws -> [String] {
        var ids = Set<String>()
        for name in names {
            if name == "basic" {
                ids.formUnion(catalog.items.filter { catalog.kind(of: $0) == .basic }.map(\.id))
                continue
            }
            guard let item = catalog.item(named: name) else {
                throw OptionError("--item: '\(name)' is not an item of catalog \(catalog.id) (see `circle catalog`)")
            }
            ids.insert(item.id)
        }
        return catalog.items.map(\.id).filter { ids.contains($0) }
    }

    /// Each origin's weight: its residents, or 1.
    static func originWeights(_ origins: [Origin], _ weight: SiteOptions.Weight, file: String) throws -> [Double] {
        switch weight {
        case .origins: return origins.map { _ in 1 }
        case .population:
            let missing = origins.filter { $0.population == nil }
            guard missing.isEmpty else {
                throw OptionError("--weight population: \(missing.count) of the \(origins.count) origins in \(file) give no population ("
                                  + missing.prefix(3).map(\.id).joined(separator: ", ") + "); use --weight origins")
            }
            return origins.map { $0.population! }
        }
    }

    /// Candidates from the file, or along the streets within reach of an origin lacking an item.
    static func siteCandidates(_ options: SiteOptions, p: Prepared, demands: [[Int]], items: [Item]) throws -> [Candidate] {
        if options.candidates != "network" {
            let crs = try options.analysis.crs.map { try CoordinateSystem(parsing: $0) }
            return try CandidateSource.read(path: options.candidates, crs: crs, encoding: options.analysis.encoding)
        }
        let lacking = Set(demands.flatMap { $0 }).sorted()
        let points = lacking.map { (lon: p.origins[$0].lon, lat: p.origins[$0].lat) }
        let maxReach = items.map(\.reachMinutes).max() ?? 15
        let radius = maxReach * (p.speeds.values.max() ?? 0)
        return CandidateSource.alongStreets(p.loaded.networks.walk, spacing: options.spacing, near: points, radius: radius,
                                            areas: p.areas?.locator)
    }
}
