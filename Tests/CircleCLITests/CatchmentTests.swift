import Foundation
import Testing

/// facilities.csv on the synthetic district: catchments against brute force (one analysis per
/// facility alone), ties to the facility listed first, a polygon facility as one row, 2SFCA
/// against the formula on the brute-force reach sets; and the siting report's section.
@Suite(.serialized) struct CatchmentTests {
    static let district = CLI.root.appendingPathComponent("geodata/pudong-synthetic")
    static func file(_ name: String) -> String { district.appendingPathComponent(name).path }

    static func analyze(_ item: String, facilities: [String], out: URL, environment: [String: String] = [:]) throws {
        let r = try CLI.runTool(CLI.binary.path, ["analyze", "--network", file("network.osm.pbf"), "--origins", file("origins.csv"),
                             "--areas", file("subdistricts.geojson"), "--items", item, "--no-gaps", "--out", out.path, "--quiet"]
                            + facilities.flatMap { ["--facilities", $0] }, environment: environment)
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// The reach sets searched the other way (each origin instead of each facility, or the
    /// reverse) give the same file, byte for byte.
    static func expectBothDirectionsEqual(_ item: String, facilities: [String], run: URL) throws {
        let want = try Data(contentsOf: run.appendingPathComponent("facilities.csv"))
        for direction in ["origins", "facilities"] {
            let other = run.deletingLastPathComponent().appendingPathComponent("run-\(direction)")
            try analyze(item, facilities: facilities, out: other, environment: ["CIRCLE_CATCHMENT_REACH": direction])
            #expect(try Data(contentsOf: other.appendingPathComponent("facilities.csv")) == want, "searching each of the \(direction)")
        }
    }

    /// Rows of a CSV without quoted fields, keyed by header name.
    static func table(_ url: URL) throws -> [[String: String]] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    /// Listed minutes per origin to `item` (times.csv), nil beyond 15.
    static func minutes(_ out: URL, item: String) throws -> [String: Double] {
        var m: [String: Double] = [:]
        for r in try table(out.appendingPathComponent("times.csv")) where r["item"] == item {
            if let v = Double(r["minutes"]!), v <= 15 { m[r["origin_id"]!] = v }
        }
        return m
    }

    static func feature(_ id: String, _ geometry: String, capacity: Double) -> String {
        #"{"type":"Feature","properties":{"id":"\#(id)","type":"metro_station","name":"站 \#(id)","capacity":\#(capacity)},"geometry":\#(geometry)}"#
    }

    @Test func catchmentsEqualBruteForceWithTiesAndAPolygon() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let stations = try Self.table(URL(fileURLWithPath: Self.file("facilities.csv"))).filter { $0["type"] == "地铁站" }
        #expect(stations.count >= 5)
        func at(_ k: Int) -> (Double, Double) { (Double(stations[k]["lon"]!)!, Double(stations[k]["lat"]!)!) }
        func point(_ p: (Double, Double)) -> String { #"{"type":"Point","coordinates":[\#(p.0),\#(p.1)]}"# }
        let (x, y) = at(1), d = 0.0009
        let square = #"{"type":"Polygon","coordinates":[[[\#(x - d),\#(y - d)],[\#(x + d),\#(y - d)],[\#(x + d),\#(y + d)],[\#(x - d),\#(y + d)],[\#(x - d),\#(y - d)]]]}"#
        // m0-copy stands exactly where m0 does, listed after it: every tie goes to m0.
        let features = [Self.feature("m0", point(at(0)), capacity: 100), Self.feature("m1", square, capacity: 50),
                        Self.feature("m2", point(at(2)), capacity: 80), Self.feature("m0-copy", point(at(0)), capacity: 10),
                        Self.feature("m3", point(at(3)), capacity: 60), Self.feature("m4", point(at(4)), capacity: 40)]
        func collection(_ f: [String]) -> String { #"{"type":"FeatureCollection","features":["# + f.joined(separator: ",") + "]}" }
        let all = dir.appendingPathComponent("stations.geojson")
        try collection(features).write(to: all, atomically: true, encoding: .utf8)
        let run = dir.appendingPathComponent("run")
        try Self.analyze("metro_station", facilities: [all.path], out: run)
        let rows = try Self.table(run.appendingPathComponent("facilities.csv"))
        #expect(rows.map { $0["facility_id"]! } == ["m0", "m1", "m2", "m0-copy", "m3", "m4"])
        #expect(rows.allSatisfy { $0["item"] == "metro_station" && $0["name"] == "站 \($0["facility_id"]!)" })
        #expect(Int(rows[1]["entrances"]!)! > 4, "the polygon's boundary points are one facility")

        // Brute force: each facility alone.
        var alone: [[String: Double]] = []
        for (k, f) in features.enumerated() {
            let file = dir.appendingPathComponent("alone-\(k).geojson")
            try collection([f]).write(to: file, atomically: true, encoding: .utf8)
            let out = dir.appendingPathComponent("alone-\(k)")
            try Self.analyze("metro_station", facilities: [file.path], out: out)
            alone.append(try Self.minutes(out, item: "metro_station"))
        }
        let population = Dictionary(uniqueKeysWithValues: try Self.table(URL(fileURLWithPath: Self.file("origins.csv"))).map {
            ($0["id"]!, Double($0["population"]!)!)
        })
        let covered = try Self.minutes(run, item: "metro_station")
        var nearest: [String: Int] = [:]
        for o in covered.keys {
            // The shortest trip; of equal ones, the facility listed first.
            let j = alone.indices.filter { alone[$0][o] != nil }.min { (alone[$0][o]!, $0) < (alone[$1][o]!, $1) }!
            #expect(alone[j][o] == covered[o], "\(o): the nearest facility's time is the analysis's")
            nearest[o] = j
        }
        var sumCatchment = 0
        for (j, row) in rows.enumerated() {
            let mine = nearest.filter { $0.value == j }.map(\.key)
            sumCatchment += Int(row["catchment_origins"]!)!
            #expect(Int(row["catchment_origins"]!) == mine.count, "\(row["facility_id"]!): catchment")
            #expect(Double(row["catchment_residents"]!) == mine.reduce(0) { $0 + population[$1]! })
            #expect(Int(row["reach_origins"]!) == alone[j].count, "\(row["facility_id"]!): within reach")
            #expect(Double(row["reach_residents"]!) == alone[j].keys.reduce(0) { $0 + population[$1]! })
        }
        #expect(sumCatchment == covered.count, "every covered origin is in exactly one catchment")
        #expect(rows[3]["catchment_origins"] == "0" && rows[3]["reach_origins"] == rows[0]["reach_origins"])
        #expect(Int(rows[0]["catchment_origins"]!)! > 0)

        // 2SFCA from the brute-force reach sets.
        let capacity = [100.0, 50, 80, 10, 60, 40]
        let ratio = alone.indices.map { j in capacity[j] / alone[j].keys.reduce(0) { $0 + population[$1]! } }
        var access: [String: Double] = [:]
        for j in alone.indices { for o in alone[j].keys { access[o, default: 0] += ratio[j] } }
        for (j, row) in rows.enumerated() {
            #expect(abs(Double(row["sfca_supply_ratio"]!)! - ratio[j]) < 1e-6)
            #expect(abs(Double(row["residents_per_capacity"]!)! - Double(row["catchment_residents"]!)! / capacity[j]) < 1e-6)
            let mine = nearest.filter { $0.value == j }.map(\.key)
            if mine.isEmpty { #expect(row["sfca_catchment_access"] == ""); continue }
            let expected = mine.reduce(0) { $0 + population[$1]! * access[$1]! } / mine.reduce(0) { $0 + population[$1]! }
            #expect(abs(Double(row["sfca_catchment_access"]!)! - expected) < 1e-6, "\(row["facility_id"]!): 2SFCA")
        }
        try Self.expectBothDirectionsEqual("metro_station", facilities: [all.path], run: run)
        let geo = try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("facilities.geojson"))) as! [String: Any]
        #expect((geo["features"] as! [Any]).count == rows.count)
    }

    /// Every item of the district: per item, the catchments add up to the origins covering it.
    @Test func catchmentsAddUpToCoveredOriginsForEveryItem() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = dir.appendingPathComponent("run")
        let r = try CLI.run(["analyze", "--network", Self.file("network.osm.pbf"), "--origins", Self.file("origins.csv"),
                             "--facilities", Self.file("facilities.csv"), "--areas", Self.file("subdistricts.geojson"),
                             "--no-gaps", "--out", run.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try Self.table(run.appendingPathComponent("facilities.csv"))
        let input = try Self.table(URL(fileURLWithPath: Self.file("facilities.csv")))
        // Rows sharing type and id are entrances of one facility.
        #expect(rows.count == Set(input.map { $0["type"]! + "|" + $0["id"]! }).count, "one row per facility")
        #expect(rows.count > 2000)
        var coveredBy: [String: Int] = [:]
        for t in try Self.table(run.appendingPathComponent("times.csv")) {
            if let m = Double(t["minutes"]!), m <= 15 { coveredBy[t["item"]!, default: 0] += 1 }
        }
        var catchments: [String: Int] = [:]
        for row in rows {
            catchments[row["item"]!, default: 0] += Int(row["catchment_origins"]!)!
            // Without capacities, no search per facility: the reach columns stay empty.
            #expect(row["capacity"] == "" && row["sfca_supply_ratio"] == "" && row["reach_origins"] == "")
        }
        #expect(catchments.count >= 20)
        for (item, n) in catchments { #expect(n == coveredBy[item, default: 0], "\(item)") }
        // The report's catchments section: per item, facilities and idle ones as in facilities.csv.
        let html = try String(contentsOf: run.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<a href=\"#catchments\">"))
        let kindergartens = rows.filter { $0["item"] == "kindergarten" }
        let idle = kindergartens.filter { $0["catchment_origins"] == "0" }.count
        #expect(html.contains("<tr data-item=\"kindergarten\"><td>幼儿园</td><td class=\"num\">\(kindergartens.count)</td><td class=\"num\">\(idle)</td>"))
        // Every item at once, with walking and cycling origins, the reach sets searched both ways.
        let items = "kindergarten,primary_school,community_health_station,library_branch,metro_station,supermarket,elderly_day_care"
        // With a capacity for every facility, so that the reach sets are computed.
        let lines = try String(contentsOf: URL(fileURLWithPath: Self.file("facilities.csv")), encoding: .utf8).split(separator: "\n")
        let withCapacity = dir.appendingPathComponent("capacity.csv")
        try (["\(lines[0]),capacity"] + lines.dropFirst().enumerated().map { "\($1),\(10 + $0 % 7)" })
            .joined(separator: "\n").appending("\n").write(to: withCapacity, atomically: true, encoding: .utf8)
        let some = dir.appendingPathComponent("some")
        try Self.analyze(items, facilities: [withCapacity.path], out: some)
        let capacityRows = try Self.table(some.appendingPathComponent("facilities.csv"))
        #expect(capacityRows.count > 300)
        for row in capacityRows {
            #expect(Int(row["catchment_origins"]!)! <= Int(row["reach_origins"]!)!, "\(row["facility_id"]!)")
            #expect(Double(row["capacity"]!)! >= 10 && row["sfca_supply_ratio"] != nil)
        }
        try Self.expectBothDirectionsEqual(items, facilities: [withCapacity.path], run: some)
    }

    @Test func siteReportShowsTheSitesOnTheGapLayerAndTheCurve() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("plan")
        let r = try CLI.run(["site", "--network", Self.file("network.osm.pbf"), "--origins", Self.file("origins.csv"),
                             "--facilities", Self.file("facilities.csv"), "--areas", Self.file("subdistricts.geojson"),
                             "--item", "kindergarten", "--count", "3", "--spacing", "300", "--out", plan.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: plan.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("id=\"site-kindergarten\"") && html.contains("id=\"sitemap-kindergarten\"")
                && html.contains("id=\"curve-kindergarten\""))
        let sites = try Self.table(plan.appendingPathComponent("sites.csv"))
        #expect(sites.count == 3)
        for s in sites { #expect(html.contains("data-rank=\"\(s["rank"]!)\" data-id=\"\(s["site_id"]!)\"")) }
        // The curve: the share before, then after each site, as site.json gives it.
        let points = html.components(separatedBy: "class=\"curve-point\"").count - 1
        #expect(points == 4)
        let last = try #require(sites.last?["covered_share_after"])
        #expect(html.contains("data-sites=\"3\" data-share=\"\(last)\""))
        // The gap layer: origins closed by the plan and still lacking, as many as site_coverage.csv says.
        let closed = try Self.table(plan.appendingPathComponent("site_coverage.csv")).count
        let map = html.components(separatedBy: "id=\"sitemap-kindergarten\"")[1].components(separatedBy: "</svg>")[0]
        let closedGroup = map.components(separatedBy: "<g class=\"o-closed\">")[1].components(separatedBy: "</g>")[0]
        #expect(closedGroup.components(separatedBy: "<circle").count - 1 == closed)
    }
}

/// A capacity that is not a number of 0 or more stops the run, naming file, line and value.
@Suite struct BadCapacityTests {
    @Test(arguments: ["lots", "-3", "nan"]) func badCapacityExits1NamingFileLineAndValue(_ value: String) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let facilities = dir.appendingPathComponent("f.csv")
        try "id,type,lon,lat,capacity\nk1,kindergarten,121.5154005,31.2092685,30\nk2,kindergarten,121.5510073,31.1991794,\(value)\n"
            .write(to: facilities, atomically: true, encoding: .utf8)
        let r = try CLI.run(["analyze", "--network", CatchmentTests.file("network.osm.pbf"), "--origins", CatchmentTests.file("origins.csv"),
                             "--areas", CatchmentTests.file("subdistricts.geojson"),
                             "--facilities", facilities.path, "--items", "kindergarten", "--no-gaps",
                             "--out", dir.appendingPathComponent("run").path, "--quiet"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(facilities.path), line 3: facility k2: capacity '\(value)' is not a number of 0 or more"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("run").path))
    }
}
