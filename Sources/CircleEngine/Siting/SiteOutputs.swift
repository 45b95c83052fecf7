import CircleCatalog
import CircleGIS
import CircleGeo
import CircleReport
import CircleSiting
import CircleSupport
import Foundation

/// The files of `circle site` (docs/siting.md): `sites.csv`, `sites.geojson`, `site_coverage.csv`,
/// `site_subdistricts.csv`, `site_unreachable.csv`, `site_facilities.csv` (the sites as a
/// facilities file for `circle analyze`) and `site.json`.
enum SiteOutputs {
    static func write(_ plans: [ItemPlan], options: SiteOptions, run: AnalysisRun, p: Prepared, demandsOf: [[Int]],
                      weights: [Double], candidates: [Candidate], to output: OutputFolder) throws {
        let items = run.items
        let hasPopulation = p.origins.allSatisfy { $0.population != nil }
        var sites = CSVWriter(header: ["rank", "item", "site_id", "lon", "lat", "newly_covered_origins", "newly_covered_population",
                                       "gaps_closed", "marginal_gain", "covered_share_after", "cost"])
        var coverage = CSVWriter(header: ["item", "rank", "site_id", "origin_id", "origin_name", "subdistrict", "population"])
        var facilities = CSVWriter(header: ["id", "type", "lon", "lat"])
        var unreachable = CSVWriter(header: ["item", "origin_id", "origin_name", "subdistrict", "reason"])
        var bySubdistrict = CSVWriter(header: ["item", "subdistrict", "lacking_before", "closed", "sites"])
        var geo = GeoJSONWriter()
        // With --gpkg: the same sites as a GeoPackage layer, in --out-crs.
        var gisSites = GISLayer(name: "sites", description: "Proposed sites, rank by rank per item.", geometry: .point, fields: [
            GISField("rank", .integer), GISField("item", .string), GISField("name_zh", .string), GISField("site_id", .string),
            GISField("newly_covered_origins", .integer), GISField("newly_covered_population", .real),
            GISField("gaps_closed", .integer), GISField("marginal_gain", .real), GISField("covered_share_after", .real),
            GISField("covered_pct_after", .real), GISField("cost", .real)])
        var summary: [JSONValue] = []
        for (i, plan) in plans.enumerated() {
            let item = items[i]
            let basic = run.catalog.kind(of: item) == .basic
            var after = plan.coveredBefore
            var closedIn: [String: (closed: Int, sites: [String])] = [:]
            var curve: [JSONValue] = []
            for (r, pick) in plan.plan.picks.enumerated() {
                let c = candidates[pick.candidate]
                let origins = pick.newlyCovered.map { demandsOf[i][Int($0)] }
                let population = hasPopulation ? origins.reduce(0) { $0 + p.origins[$1].population! } : nil
                after += pick.gain
                let share = plan.total > 0 ? after / plan.total : 0
                sites.row(["\(r + 1)", item.id, c.id, "\(c.lon)", "\(c.lat)", "\(origins.count)",
                           population.map { Format.number($0) } ?? "", basic ? "\(origins.count)" : "0",
                           Format.number(pick.gain), Format.fixed(share, decimals: 4), Format.number(c.cost)])
                curve.append(.object(["sites": .int(r + 1), "covered_share": .number(share)]))
                for o in origins {
                    let origin = p.origins[o]
                    coverage.row([item.id, "\(r + 1)", c.id, origin.id, origin.name, origin.subdistrict,
                                  origin.population.map { Format.number($0) } ?? ""])
                    var entry = closedIn[origin.subdistrict] ?? (0, [])
                    entry.closed += 1
                    if entry.sites.last != c.id { entry.sites.append(c.id) }
                    closedIn[origin.subdistrict] = entry
                }
                for pt in c.points { facilities.row(["\(item.id)-\(c.id)", item.id, "\(pt.lon)", "\(pt.lat)"]) }
                gisSites.add(.point(lon: c.lon, lat: c.lat), [
                    .integer(r + 1), .string(item.id), .string(item.nameZh), .string(c.id), .integer(origins.count),
                    population.map { .real($0) } ?? .null, .integer(basic ? origins.count : 0), .real(pick.gain),
                    .real(share), .real((share * 1000).rounded() / 10), .real(c.cost)])
                try geo.addPoint(lon: c.lon, lat: c.lat, properties: [
                    "rank": .int(r + 1), "item": .string(item.id), "name_zh": .string(item.nameZh), "site_id": .string(c.id),
                    "newly_covered_origins": .int(origins.count), "newly_covered_population": population.map { .number($0) } ?? .null,
                    "gaps_closed": .int(basic ? origins.count : 0), "marginal_gain": .number(pick.gain),
                    "covered_share_after": .number(share), "cost": .number(c.cost),
                ])
            }
            var lackingIn: [String: Int] = [:]
            for o in demandsOf[i] { lackingIn[p.origins[o].subdistrict, default: 0] += 1 }
            for name in lackingIn.keys.sorted() {
                let e = closedIn[name]
                bySubdistrict.row([item.id, name, "\(lackingIn[name]!)", "\(e?.closed ?? 0)", (e?.sites ?? []).joined(separator: ";")])
            }
            for u in plan.unreachable {
                let origin = p.origins[u.origin]
                unreachable.row([item.id, origin.id, origin.name, origin.subdistrict, u.reason])
            }
            summary.append(.object([
                "item": .string(item.id), "name_zh": .string(item.nameZh), "basic": .bool(basic),
                "goal": .string(goalText(options.goal)), "weight": .string(options.weight.rawValue),
                "origins_applicable_weight": .number(plan.total), "covered_before": .number(plan.coveredBefore),
                "lacking_origins": .int(plan.demands), "lacking_weight": .number(plan.demandWeight),
                "sites": .int(plan.plan.picks.count), "newly_covered": .number(plan.plan.covered),
                "covered_share_before": .number(plan.total > 0 ? plan.coveredBefore / plan.total : 0),
                "covered_share_after": .number(plan.total > 0 ? (plan.coveredBefore + plan.plan.covered) / plan.total : 0),
                "cost": .number(plan.plan.cost), "method": .string(plan.plan.method),
                "bound": .number(plan.plan.bound), "gap": .number(plan.plan.gap),
                "greedy_guarantee": .string(guarantee(options.goal)), "solver": .string(plan.plan.solverNote),
                "goal_reached": .bool(plan.plan.reached), "unreachable_origins": .int(plan.unreachable.count),
                "coverage_curve": .array(curve),
            ]))
        }
        try output.write(sites.data, to: "sites.csv")
        try output.write(coverage.data, to: "site_coverage.csv")
        try output.write(facilities.data, to: "site_facilities.csv")
        try output.write(unreachable.data, to: "site_unreachable.csv")
        try output.write(bySubdistrict.data, to: "site_subdistricts.csv")
        try output.write(geo.data, to: "sites.geojson")
        if run.options.gpkg == true {
            let frame = try AnalysisRun.outputFrame(run.options)
            try RunGIS.writing("sites.gpkg", in: output) { path in
                try GISDatasetWriter.write([gisSites], to: path, format: .geoPackage, frame: frame)
            }
        }
        var json = JSONValue.object([
            "schemaVersion": .int(1), "toolVersion": .string(circleVersion), "catalog": .string(run.catalog.id),
            "candidates": .string(options.candidates), "candidate_count": .int(candidates.count),
            "spacing_m": options.candidates == "network" ? .number(options.spacing) : .null,
            "items": .array(summary),
        ]).encoded
        json.append(UInt8(ascii: "\n"))
        try output.write(Data(json), to: "site.json")
    }

    static func goalText(_ goal: SiteOptions.Goal) -> String {
        switch goal {
        case .count(let k): return "count \(k)"
        case .coverAll: return "cover all"
        case .target(let s): return "target \(s)"
        }
    }

    static func guarantee(_ goal: SiteOptions.Goal) -> String {
        switch goal {
        case .count: return "greedy covers at least (1 - 1/e) = 63.2 % of the optimum"
        case .coverAll: return "greedy costs at most H(n) = 1 + 1/2 + … + 1/n times the optimum (n: most origins one site covers)"
        case .target: return "none for greedy; the exact solver's bound when it ran"
        }
    }
}
