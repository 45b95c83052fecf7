import Foundation
import Testing

/// `circle site` on the synthetic district, re-verified by the analysis: adding the chosen sites
/// as facilities covers exactly the origins the plan reported, to the last origin.
@Suite(.serialized) struct SiteTests {
    static let district = CLI.root.appendingPathComponent("geodata/pudong-synthetic")
    static func file(_ name: String) -> String { district.appendingPathComponent(name).path }

    static func site(_ extra: [String], out: URL) throws -> CLI.Result {
        try CLI.run(["site", "--network", file("network.osm.pbf"), "--origins", file("origins.csv"),
                     "--facilities", file("facilities.csv"), "--areas", file("subdistricts.geojson"),
                     "--out", out.path, "--quiet"] + extra)
    }

    /// Origins whose listed minutes to `item` are within 15 (times.csv of an analysis).
    static func covered(_ item: String, facilities: [String], dir: URL) throws -> Set<String> {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("analysis-\(facilities.count)")
        let r = try CLI.run(["analyze", "--network", file("network.osm.pbf"), "--origins", file("origins.csv"),
                             "--areas", file("subdistricts.geojson"), "--items", item, "--no-gaps", "--out", out.path, "--quiet"]
                            + facilities.flatMap { ["--facilities", $0] })
        #expect(r.status == 0, "\(r.stderr)")
        var set = Set<String>()
        for line in try String(contentsOf: out.appendingPathComponent("times.csv"), encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            if f[1] == item, let m = Double(f[3]), m <= 15 { set.insert(String(f[0])) }
        }
        return set
    }

    static func rows(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func networkSitesCoverExactlyWhatTheAnalysisFindsWithThemAdded() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("plan")
        let r = try Self.site(["--item", "幼儿园", "--item", "elderly_day_care", "--count", "4", "--spacing", "250"], out: plan)
        #expect(r.status == 0, "\(r.stderr)")
        for item in ["kindergarten", "elderly_day_care"] {
            let before = try Self.covered(item, facilities: [Self.file("facilities.csv")], dir: dir.appendingPathComponent("b-\(item)"))
            let after = try Self.covered(item, facilities: [Self.file("facilities.csv"), plan.appendingPathComponent("site_facilities.csv").path],
                                         dir: dir.appendingPathComponent("a-\(item)"))
            let reported = Set(try Self.rows(plan.appendingPathComponent("site_coverage.csv")).filter { $0[0] == item }.map { $0[3] })
            #expect(!reported.isEmpty, "\(item): the plan covers nobody")
            #expect(before.isSubset(of: after))
            #expect(after.subtracting(before) == reported, "\(item): analysis with the sites differs from the plan")
            // sites.csv agrees with site_coverage.csv, rank by rank.
            let sites = try Self.rows(plan.appendingPathComponent("sites.csv")).filter { $0[1] == item }
            #expect(sites.count == 4 && sites.map { Int($0[5])! }.reduce(0, +) == reported.count)
            #expect(sites.map { Int($0[5])! } == sites.map { Int($0[5])! }.sorted(by: >), "greedy gains must not grow")
        }
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: plan.appendingPathComponent("site.json"))) as! [String: Any]
        let items = summary["items"] as! [[String: Any]]
        #expect(items.map { $0["item"] as! String } == ["kindergarten", "elderly_day_care"])
        for i in items {
            #expect((i["bound"] as! Double) >= (i["newly_covered"] as! Double))
            #expect((i["coverage_curve"] as! [Any]).count == 4)
        }
    }

    @Test func coverAllFromAFileOfParcelsIsExactAndCostAware() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Candidates: a point beside every origin lacking a kindergarten, twice: a cheap and a dear copy.
        let probe = dir.appendingPathComponent("probe")
        #expect(try Self.site(["--item", "kindergarten", "--count", "1", "--spacing", "400"], out: probe).status == 0)
        let lacking = try Self.rows(probe.appendingPathComponent("site_subdistricts.csv"))
        #expect(!lacking.isEmpty)
        let origins = try Self.rows(URL(fileURLWithPath: Self.file("origins.csv")))
        var csv = "id,lon,lat,cost\n"
        for (k, o) in origins.enumerated() where k % 7 == 0 {
            csv += "dear\(k),\(o[5]),\(o[6]),5\ncheap\(k),\(o[5]),\(o[6]),2\n"
        }
        let candidates = dir.appendingPathComponent("candidates.csv")
        try csv.write(to: candidates, atomically: true, encoding: .utf8)
        let plan = dir.appendingPathComponent("plan")
        let r = try Self.site(["--item", "kindergarten", "--cover-all", "--candidates", candidates.path], out: plan)
        #expect(r.status == 0, "\(r.stderr)")
        let sites = try Self.rows(plan.appendingPathComponent("sites.csv"))
        #expect(!sites.isEmpty && sites.allSatisfy { $0[2].hasPrefix("cheap") && $0[10] == "2" }, "\(sites)")
        let item = (try JSONSerialization.jsonObject(with: Data(contentsOf: plan.appendingPathComponent("site.json"))) as! [String: Any])["items"] as! [[String: Any]]
        #expect(item[0]["method"] as? String == "exact" || (item[0]["solver"] as? String ?? "").contains("already optimal"))
        #expect(item[0]["gap"] as? Double == 0)
        // Every origin lacking the item is either closed by the plan or listed as unreachable.
        let closed = Set(try Self.rows(plan.appendingPathComponent("site_coverage.csv")).map { $0[3] })
        let unreachable = Set(try Self.rows(plan.appendingPathComponent("site_unreachable.csv")).map { $0[1] })
        #expect(closed.isDisjoint(with: unreachable))
        #expect(closed.count + unreachable.count == item[0]["lacking_origins"] as? Int)
    }

    @Test func badValuesAreRefusedNamingThem() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("plan")
        let empty = dir.appendingPathComponent("empty.csv")
        try "id,lon,lat\n".write(to: empty, atomically: true, encoding: .utf8)
        let cases: [([String], Int32, String)] = [
            (["--item", "kindergarten", "--count", "0"], 1, "--count must be a positive whole number of sites, got 0"),
            (["--item", "kindergarten", "--target", "1.5"], 1, "--target must be a share in (0, 1], e.g. 0.95, got 1.5"),
            (["--item", "zoo", "--count", "2"], 1, "--item: 'zoo' is not an item of catalog pudong"),
            (["--item", "kindergarten", "--count", "2", "--candidates", empty.path], 1, "empty.csv"),
            (["--item", "kindergarten", "--count", "2", "--cover-all"], 64, "give exactly one of --count K, --cover-all, --target SHARE"),
            (["--item", "kindergarten", "--count", "2", "--weight", "people"], 64, "--weight must be origins or population"),
        ]
        for (args, status, message) in cases {
            let r = try Self.site(args, out: out)
            #expect(r.status == status && r.stderr.contains(message), "\(args): \(r.status) \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // A candidates file kept inside an earlier plan's folder is never replaced with it.
        #expect(try Self.site(["--item", "kindergarten", "--count", "1", "--spacing", "500"], out: out).status == 0)
        let inside = out.appendingPathComponent("my-candidates.csv")
        try "id,lon,lat\nA,121.53,31.21\n".write(to: inside, atomically: true, encoding: .utf8)
        let kept = try Self.site(["--item", "kindergarten", "--count", "1", "--candidates", inside.path], out: out)
        #expect(kept.status == 1 && kept.stderr.contains("--out is or holds the candidates file"), "\(kept.stderr)")
        #expect(FileManager.default.fileExists(atPath: inside.path))
    }

    @Test func aJobsSiteBlockPlansLikeTheCommand() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = dir.appendingPathComponent("job.yaml")
        func write(_ site: String) throws {
            try """
                network: \(Self.file("network.osm.pbf"))
                origins: \(Self.file("origins.csv"))
                facilities: [\(Self.file("facilities.csv"))]
                areas: \(Self.file("subdistricts.geojson"))
                out: run
                site:
                \(site)
                """.write(to: job, atomically: true, encoding: .utf8)
        }
        try write("  items: [kindergarten]\n  count: 2\n  spacing: 400\n  out: plan")
        let r = try CLI.run(["run", job.path, "--site", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let direct = dir.appendingPathComponent("direct")
        #expect(try Self.site(["--item", "kindergarten", "--count", "2", "--spacing", "400"], out: direct).status == 0)
        for f in ["sites.csv", "site_coverage.csv", "site.json"] {
            #expect(try Data(contentsOf: dir.appendingPathComponent("plan/\(f)")) == Data(contentsOf: direct.appendingPathComponent(f)), "\(f)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("run").path), "--site runs no analysis")
        try write("  items: [kindergarten]\n  count: 0\n  out: plan")
        let bad = try CLI.run(["run", job.path, "--site", "--quiet"])
        #expect(bad.status == 1 && bad.stderr.contains("job.yaml:8: site.count: must be a positive whole number"), "\(bad.stderr)")
        try write("  items: [kindergarten]\n  out: plan")
        let none = try CLI.run(["run", job.path, "--site", "--quiet"])
        #expect(none.status == 1 && none.stderr.contains("give exactly one of count, cover_all, target"), "\(none.stderr)")
    }
}
