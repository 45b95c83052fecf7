import CircleSupport
import Foundation
import Testing

/// `--cache` keeps formatted output bytes (the rows of times.csv, origins.csv, origins.geojson,
/// facilities.csv/.geojson; each gap map's feature): a scenario copies the rows whose inputs did
/// not change. Its outputs still equal a fresh run's on the edited inputs, byte for byte; a change
/// to what only formatting reads (a name, a population, the header language) is never copied
/// stale; a damaged entry is formatted again.
@Suite(.serialized) struct OutputReuseTests {
    /// A small seeded generator (SplitMix64), so that the scenarios are the same on every run.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// One what-if: facilities added (item, lon, lat, id), facility ids removed, OSM ways closed.
    struct WhatIf {
        var add: [(item: String, lon: Double, lat: Double, id: String)] = []
        var remove: [String] = []
        var close: [Int64] = []

        var yaml: String {
            var text = ""
            if !add.isEmpty {
                text += "add:\n" + add.map {
                    "  - {item: \($0.item), lon: \(String(format: "%.7f", $0.lon)), lat: \(String(format: "%.7f", $0.lat)), id: \($0.id)}\n"
                }.joined()
            }
            if !remove.isEmpty { text += "remove: [\(remove.joined(separator: ", "))]\n" }
            if !close.isEmpty { text += "close: [\(close.map(String.init).joined(separator: ", "))]\n" }
            return text
        }
    }

    /// A study: a network, origins, facilities (with their ids and items), the options of every run.
    struct Study {
        var network: String
        var origins: String
        var facilities: String
        var extra: [String]
        var items: [String]
        var lon: ClosedRange<Double>
        var lat: ClosedRange<Double>
        var ways: [Int64]

        /// The ids in the facility file.
        func facilityIds() throws -> [String] {
            let lines = try String(contentsOfFile: facilities, encoding: .utf8).split(separator: "\n").dropFirst()
            return Array(Set(lines.map { String($0.split(separator: ",")[0]) })).sorted()
        }

        func analyze(network: String? = nil, facilities: [String]? = nil, origins: String? = nil, _ more: [String],
                     out: URL) throws -> CLI.Result {
            try CLI.run(["analyze", "--network", network ?? self.network, "--origins", origins ?? self.origins]
                        + (facilities ?? [self.facilities]).flatMap { ["--facilities", $0] } + extra
                        + ["--out", out.path, "--quiet"] + more)
        }

        func random(_ g: inout Seeded, _ n: Int) throws -> [WhatIf] {
            let ids = try facilityIds()
            var out: [WhatIf] = []
            for k in 0..<n {
                var w = WhatIf()
                switch k % 4 {
                case 0:   // one facility added
                    w.add = [(items.randomElement(using: &g)!, Double.random(in: lon, using: &g), Double.random(in: lat, using: &g), "new-\(k)")]
                case 1:   // facilities removed
                    w.remove = Array(ids.shuffled(using: &g).prefix(3))
                case 2:   // added and removed, of other items
                    w.add = (0..<2).map { j in
                        (items.randomElement(using: &g)!, Double.random(in: lon, using: &g), Double.random(in: lat, using: &g), "new-\(k)-\(j)")
                    }
                    w.remove = Array(ids.shuffled(using: &g).prefix(2))
                default:  // streets closed, and one facility added
                    w.close = Array(ways.shuffled(using: &g).prefix(2))
                    w.add = [(items.randomElement(using: &g)!, Double.random(in: lon, using: &g), Double.random(in: lat, using: &g), "new-\(k)")]
                }
                out.append(w)
            }
            return out
        }
    }

    /// Runs each what-if with the baseline's cache and compares its outputs with a fresh run's
    /// (no cache) on the edited input files.
    static func expectScenariosEqualFreshRuns(_ study: Study, _ whatIfs: [WhatIf], in dir: URL) throws {
        let cache = dir.appendingPathComponent("cache").path, base = dir.appendingPathComponent("base")
        let r = try study.analyze(["--cache", cache], out: base)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try entries(cache, RowSuffix.rows).count == 5)   // times, origins .csv and .geojson, facilities .csv and .geojson
        for (k, w) in whatIfs.enumerated() {
            let scenario = dir.appendingPathComponent("what-if-\(k).yaml")
            try w.yaml.write(to: scenario, atomically: true, encoding: .utf8)
            let scen = dir.appendingPathComponent("scen-\(k)"), fresh = dir.appendingPathComponent("fresh-\(k)")
            // The edited inputs: the removed facilities' rows deleted, the added ones in a file of their own.
            let text = try String(contentsOfFile: study.facilities, encoding: .utf8)
            let kept = text.split(separator: "\n").filter { line in !w.remove.contains { line.hasPrefix($0 + ",") } }
            let edited = dir.appendingPathComponent("facilities-\(k).csv"), added = dir.appendingPathComponent("added-\(k).csv")
            try (kept.joined(separator: "\n") + "\n").write(to: edited, atomically: true, encoding: .utf8)
            try ("id,type,lon,lat\n" + w.add.map { "\($0.id),\($0.item),\(String(format: "%.7f", $0.lon)),\(String(format: "%.7f", $0.lat))\n" }
                .joined()).write(to: added, atomically: true, encoding: .utf8)
            var network = study.network
            if !w.close.isEmpty {
                network = dir.appendingPathComponent("closed-\(k).osm.pbf").path
                let osmium = try CLI.runTool("/usr/bin/env", ["osmium", "removeid", "-o", network, study.network] + w.close.map { "w\($0)" })
                #expect(osmium.status == 0, "\(osmium.stderr)")
            }
            try ScenarioTests.touch([scenario.path, edited.path, added.path] + (w.close.isEmpty ? [] : [network]))
            let s = try study.analyze(["--cache", cache, "--scenario", scenario.path, "--baseline", base.path], out: scen)
            #expect(s.status == 0, "\(s.stderr)")
            let f = try study.analyze(network: network, facilities: [edited.path] + (w.add.isEmpty ? [] : [added.path]), [], out: fresh)
            #expect(f.status == 0, "\(f.stderr)")
            try expectSame(scen, fresh, scenario: true, "what-if \(k):\n\(w.yaml)")
        }
    }

    enum RowSuffix { static let rows = ".rows", feature = ".feature" }

    static func entries(_ cache: String, _ suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// Every output of `a` equals `b`'s but run.json; summary.json but the counts of work reused
    /// (and, for a scenario, the fields naming the inputs, as do report.html's and facilities'
    /// `source`, see ScenarioTests).
    static func expectSame(_ a: URL, _ b: URL, scenario: Bool, _ what: String,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        var names = try ScenarioTests.files(b)
        if scenario { names = (names + ScenarioDiffFiles.names).sorted() }
        #expect(try ScenarioTests.files(a) == names, "\(what)", sourceLocation: sourceLocation)
        for name in names where !["run.json", "summary.json", "report.html"].contains(name) && !ScenarioDiffFiles.names.contains(name) {
            let same = scenario ? try ScenarioTests.comparable(a, name) == ScenarioTests.comparable(b, name)
                                : try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name))
            #expect(same, "\(name) differs; \(what)", sourceLocation: sourceLocation)
        }
        func summary(_ f: URL) throws -> NSDictionary {
            let s = (scenario ? try ScenarioTests.summaryWithoutInputs(f) : try CachedOutputsTests.summaryWithoutCounts(f)).mutableCopy()
                as! NSMutableDictionary
            for key in ["searchUnits", "searchUnitsReused", "gapMapsReused"] { s[key] = nil }
            return s
        }
        #expect(try summary(a) == summary(b), "summary.json differs; \(what)", sourceLocation: sourceLocation)
        if scenario {
            #expect(try ScenarioTests.reportWithoutInputs(a) == ScenarioTests.reportWithoutInputs(b), "report.html; \(what)",
                    sourceLocation: sourceLocation)
        } else {
            let same = try Data(contentsOf: a.appendingPathComponent("report.html")) == Data(contentsOf: b.appendingPathComponent("report.html"))
            #expect(same, "report.html differs; \(what)", sourceLocation: sourceLocation)
        }
    }

    enum ScenarioDiffFiles { static let names = ["scenario_diff.csv", "scenario_diff.json", "scenario_diff.txt"] }

    static let pudong = CLI.root.appendingPathComponent("geodata/pudong-synthetic")

    @Test func scenariosOnPudongEqualFreshRuns() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = Study(network: Self.pudong.appendingPathComponent("network.osm.pbf").path,
                          origins: Self.pudong.appendingPathComponent("origins.csv").path,
                          facilities: Self.pudong.appendingPathComponent("facilities.csv").path,
                          extra: ["--areas", Self.pudong.appendingPathComponent("subdistricts.geojson").path],
                          items: ["kindergarten", "primary_school", "supermarket", "community_health_station", "elderly_day_care", "pharmacy"],
                          lon: 121.48...121.62, lat: 31.17...31.27,
                          ways: [12, 632, 1221, 1878, 2526, 3154, 3799, 4416, 4992, 5591, 6207, 6782, 7407, 8027])
        var g = Seeded(state: 12)
        try Self.expectScenariosEqualFreshRuns(study, try study.random(&g, 4), in: dir)
    }

    @Test func scenariosOnAGeneratedCityEqualFreshRuns() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let osm = dir.appendingPathComponent("city.osm").path, pbf = dir.appendingPathComponent("city.osm.pbf").path
        let origins = dir.appendingPathComponent("origins.csv").path, pois = dir.appendingPathComponent("pois.csv").path
        let gen = try CLI.runTool("/usr/bin/env", ["python3", CLI.root.appendingPathComponent("Benchmarks/Scripts/gen_city.py").path,
                                                   "--nodes", "3000", "--seed", "5", "--out", osm, "--pois", pois,
                                                   "--pois-per-item", "6", "--origins", origins, "--origins-count", "900", "--quiet"])
        #expect(gen.status == 0, "\(gen.stderr)")
        let cat = try CLI.runTool("/usr/bin/env", ["osmium", "cat", osm, "-o", pbf, "-O"])
        #expect(cat.status == 0, "\(cat.stderr)")
        // The city's extent and streets, read from its files.
        let rows = try String(contentsOfFile: origins, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let lons = rows.map { Double($0[6])! }, lats = rows.map { Double($0[7])! }
        let xml = try String(contentsOfFile: osm, encoding: .utf8)
        let ways = xml.components(separatedBy: "<way id=\"").dropFirst().filter { $0.prefix(while: { $0 != ">" }).count > 0 }
            .filter { way in ["residential", "tertiary", "unclassified"].contains { way.prefix(4000).contains("k=\"highway\" v=\"\($0)\"") } }
            .compactMap { Int64($0.prefix(while: { $0 != "\"" })) }
        #expect(ways.count > 20)
        let study = Study(network: pbf, origins: origins, facilities: pois, extra: [],
                          items: ["kindergarten", "primary_school", "supermarket", "pharmacy", "community_health_center"],
                          lon: lons.min()!...lons.max()!, lat: lats.min()!...lats.max()!, ways: Array(ways.prefix(200)))
        var g = Seeded(state: 99)
        try Self.expectScenariosEqualFreshRuns(study, try study.random(&g, 4), in: dir)
    }

    /// Origins with the columns every formatter reads (name, subdistrict, population), from the test origins.
    static func richOrigins(_ edit: (Int, inout [String]) -> Void = { _, _ in }) throws -> String {
        let lines = try String(contentsOf: AnalyzeTests.geodata.appendingPathComponent("test-origins.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        var out = "id,name,kind,area_class,subdistrict,population,lon,lat\n"
        for (k, line) in lines.enumerated() {
            let f = line.split(separator: ",").map(String.init)   // id,kind,area_class,lon,lat
            var row = [f[0], "Origin \(k)", f[1], f[2], "S\(k % 7)", "\(1000 + 37 * k)", f[3], f[4]]
            edit(k, &row)
            if !row.isEmpty { out += row.joined(separator: ",") + "\n" }
        }
        return out
    }

    @Test func changesOnlyFormattingReadsAreNotCopiedStale() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("cache").path
        func origins(_ name: String, _ edit: @escaping (Int, inout [String]) -> Void) throws -> String {
            let path = dir.appendingPathComponent(name).path
            try Self.richOrigins(edit).write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        func run(_ origins: String, _ extra: [String] = [], cached: Bool, _ out: String) throws -> URL {
            let url = dir.appendingPathComponent(out)
            let r = try AnalyzeTests.analyze(extra + (cached ? ["--cache", cache] : []), origins: origins, out: url)
            #expect(r.status == 0, "\(r.stderr)")
            return url
        }
        let plain = try origins("origins.csv") { _, _ in }
        _ = try run(plain, cached: true, "base")
        #expect(try Self.entries(cache, RowSuffix.rows).count == 5)
        // Each edit changes one input of one origin's rows (or which origins there are).
        let edits: [(String, (Int, inout [String]) -> Void)] = [
            ("a name", { k, row in if k == 3 { row[1] = "\"Renamed, \"\"quoted\"\"\"" } }),
            ("a population", { k, row in if k == 5 { row[5] = "1234.5" } }),
            ("a population removed", { k, row in if k == 6 { row[5] = "" } }),
            ("a kind", { k, row in if k == 7 { row[2] = row[2] == "village" ? "residential" : "village" } }),
            ("a subdistrict", { k, row in if k == 8 { row[4] = "S-new" } }),
            ("an area class (and so a mode)", { k, row in if k == 9 { row[3] = row[3] == "remote" ? "urban" : "remote" } }),
            ("an id", { k, row in if k == 10 { row[0] = "X-new" } }),
            ("an origin removed, rows after it shifted", { k, row in if k == 13 { row = [] } }),
            ("a position moved by 1 cm", { k, row in if k == 11 { row[6] = String(format: "%.7f", Double(row[6])! + 0.0000002) } }),
            ("a position moved off the network", { k, row in if k == 12 { row[6] = "25.2"; row[7] = "60.3" } }),
        ]
        for (k, (what, edit)) in edits.enumerated() {
            let file = try origins("origins-\(k).csv", edit)
            let cached = try run(file, cached: true, "cached-\(k)"), fresh = try run(file, cached: false, "fresh-\(k)")
            try Self.expectSame(cached, fresh, scenario: false, what)
            let changed = try ["origins.csv", "origins.geojson"].filter {
                try Data(contentsOf: cached.appendingPathComponent($0)) != Data(contentsOf: dir.appendingPathComponent("base/" + $0))
            }
            #expect(!changed.isEmpty, "\(what) changed nothing")
        }
        // The header language: English, then Chinese with the same cache.
        let zhCached = try run(plain, ["--lang", "zh"], cached: true, "zh-cached"), zhFresh = try run(plain, ["--lang", "zh"], cached: false, "zh-fresh")
        try Self.expectSame(zhCached, zhFresh, scenario: false, "--lang zh")
        #expect(try String(contentsOf: zhCached.appendingPathComponent("origins.csv"), encoding: .utf8)
                != String(contentsOf: dir.appendingPathComponent("base/origins.csv"), encoding: .utf8))
        // Another reach: the same minutes, other scores (the scored items are in each file's key).
        let nearCached = try run(plain, ["--reach", "7"], cached: true, "near-cached"), nearFresh = try run(plain, ["--reach", "7"], cached: false, "near-fresh")
        try Self.expectSame(nearCached, nearFresh, scenario: false, "--reach 7")
        for name in ["origins.csv", "origins.geojson"] {
            #expect(try Data(contentsOf: nearCached.appendingPathComponent(name))
                    != Data(contentsOf: dir.appendingPathComponent("base/" + name)), "--reach 7 left \(name) as it was")
        }
        // Fewer items: other files altogether (other keys).
        let fewer = dir.appendingPathComponent("fewer"), fewerFresh = dir.appendingPathComponent("fewer-fresh")
        #expect(try CLI.run(["analyze", "--network", CLI.helsinki, "--origins", plain, "--facilities",
                             AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path, "--items", "kindergarten,bus_stop",
                             "--cache", cache, "--out", fewer.path, "--quiet"]).status == 0)
        #expect(try CLI.run(["analyze", "--network", CLI.helsinki, "--origins", plain, "--facilities",
                             AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path, "--items", "kindergarten,bus_stop",
                             "--out", fewerFresh.path, "--quiet"]).status == 0)
        try Self.expectSame(fewer, fewerFresh, scenario: false, "--items")
    }

    /// The payload of an entry (after magic and checksum) rewritten by `edit`, its checksum made
    /// to match again: a valid entry whose bytes are not what formatting gives.
    static func forge(_ path: String, _ edit: (inout [UInt8]) -> Void) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var payload = Array(bytes[16...])
        edit(&payload)
        let sum = payload.withUnsafeBytes { xxHash64($0) }
        bytes = Array(bytes[0..<8]) + withUnsafeBytes(of: sum.littleEndian) { Array($0) } + payload
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test func storedRowsAreCopiedAndDamagedOnesFormattedAgain() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("cache").path
        let origins = dir.appendingPathComponent("origins.csv").path
        try Self.richOrigins().write(toFile: origins, atomically: true, encoding: .utf8)
        func run(_ out: String, cached: Bool = true) throws -> URL {
            let url = dir.appendingPathComponent(out)
            let r = try AnalyzeTests.analyze(cached ? ["--cache", cache] : [], origins: origins, out: url)
            #expect(r.status == 0, "\(r.stderr)")
            return url
        }
        let clean = try run("clean", cached: false)
        _ = try run("first")
        let rows = try Self.entries(cache, RowSuffix.rows), features = try Self.entries(cache, RowSuffix.feature)
        #expect(rows.count == 5)
        #expect(features.count == 6)   // one gap map per item
        try Self.expectSame(try run("second"), clean, scenario: false, "a rerun")
        // A valid entry is copied, not formatted: a name forged in every row memo shows in the outputs.
        for name in rows {
            try Self.forge(cache + "/" + name) { payload in
                let text = Array("Origin 17".utf8), forged = Array("Forged 17".utf8)
                for k in 0..<(payload.count - text.count) where Array(payload[k..<(k + text.count)]) == text {
                    payload.replaceSubrange(k..<(k + text.count), with: forged)
                }
            }
        }
        let copied = try run("copied")
        #expect(try String(contentsOf: copied.appendingPathComponent("origins.csv"), encoding: .utf8).contains(",Forged 17,"))
        #expect(try String(contentsOf: copied.appendingPathComponent("origins.geojson"), encoding: .utf8).contains("\"Forged 17\""))
        // A damaged entry (its checksum fails), a truncated one, and a valid one of an impossible
        // layout (its first row ending past the end) are formatted again, and rewritten.
        try Self.forge(cache + "/" + rows[0]) { payload in
            let count = payload.withUnsafeBytes { Int($0.loadUnaligned(as: UInt64.self)) }
            let at = 8 * (2 + 2 * count)
            payload.replaceSubrange(at..<(at + 8), with: withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { Array($0) })
        }
        for (k, name) in (rows.dropFirst() + features).enumerated() {
            let url = URL(fileURLWithPath: cache + "/" + name)
            var bytes = try Data(contentsOf: url)
            switch k % 3 {
            case 0: bytes[bytes.count / 2] ^= 0x20
            case 1: bytes = bytes.prefix(bytes.count - 5)
            default: bytes[bytes.count - 1] ^= 0x01
            }
            try bytes.write(to: url)
        }
        try Self.expectSame(try run("damaged"), clean, scenario: false, "damaged entries")
        try Self.expectSame(try run("rewritten"), clean, scenario: false, "rewritten entries")
        #expect(try Self.entries(cache, RowSuffix.rows) == rows)
    }

    /// A one-facility scenario formats few rows: the memos stay the baseline's (not rewritten).
    @Test func aOneFacilityScenarioLeavesTheBaselinesRows() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("cache").path
        let base = dir.appendingPathComponent("base")
        #expect(try AnalyzeTests.analyze(["--cache", cache], out: base).status == 0)
        let rows = try Self.entries(cache, RowSuffix.rows)
        let before = try rows.map { try Data(contentsOf: URL(fileURLWithPath: cache + "/" + $0)) }
        let scenario = dir.appendingPathComponent("one.yaml")
        try "add:\n  - {item: kindergarten, lon: 24.9369532, lat: 60.1653969}\n".write(to: scenario, atomically: true, encoding: .utf8)
        let scen = dir.appendingPathComponent("scen")
        let r = try AnalyzeTests.analyze(["--cache", cache, "--scenario", scenario.path], out: scen)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: scen.appendingPathComponent("times.csv")) != Data(contentsOf: base.appendingPathComponent("times.csv")))
        #expect(try Self.entries(cache, RowSuffix.rows) == rows)
        #expect(try rows.map { try Data(contentsOf: URL(fileURLWithPath: cache + "/" + $0)) } == before)
    }
}
