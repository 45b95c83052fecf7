import Foundation
import Testing

/// `--cache` keeps each unit's nearest facilities (facilities.csv's catchments) and the report's
/// basemap: a rerun reads them, and gives the bytes a run without a cache gives — also when a
/// change that leaves every search unit as it was (facilities merged under one id) or the OSM
/// file's water changes what they must be.
@Suite(.serialized) struct CachedOutputsTests {
    static let facilities = AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv")
    /// The natural=water ways of the Helsinki extract.
    static let waterWays: [Int64] = [45571612, 58023636, 58023639, 122872049, 581909993, 581909994, 644615111]

    static func entries(_ cache: String, _ suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(suffix) }.sorted()
    }

    static func summary(_ out: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
    }

    /// summary.json without the counts of work done and reused (searches, gap maps).
    static func summaryWithoutCounts(_ out: URL) throws -> NSDictionary {
        var s = try summary(out)
        for key in ["searchUnits", "searchUnitsReused", "gapMapsReused"] {
            #expect(s[key] != nil)
            s[key] = nil
        }
        return s as NSDictionary
    }

    /// Every output file but run.json must be byte-equal, and summary.json but its counts of reuse.
    static func expectSameOutputs(_ a: URL, _ b: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let names = try ScenarioTests.files(a)
        #expect(try ScenarioTests.files(b) == names, sourceLocation: sourceLocation)
        for name in names where !["run.json", "summary.json"].contains(name) {
            let same = try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name))
            #expect(same, "\(name) differs", sourceLocation: sourceLocation)
        }
        #expect(try summaryWithoutCounts(a) == summaryWithoutCounts(b), sourceLocation: sourceLocation)
    }

    @Test func catchmentsComeFromTheCacheAndFollowTheFacilities() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("cache").path
        let first = dir.appendingPathComponent("first"), second = dir.appendingPathComponent("second")
        #expect(try AnalyzeTests.analyze(["--cache", cache], out: first).status == 0)
        // One entry per unit with a facility: 6 items × walk and cycle.
        let stored = try Self.entries(cache, ".nearest")
        #expect(stored.count == 12)
        // A rerun reads every one (reading marks an entry used) and writes none.
        let old = Date(timeIntervalSince1970: 1_700_000_000)
        for name in stored {
            try FileManager.default.setAttributes([.modificationDate: old],
                                                  ofItemAtPath: URL(fileURLWithPath: cache).appendingPathComponent(name).path)
        }
        #expect(try AnalyzeTests.analyze(["--cache", cache], out: second).status == 0)
        #expect(try Self.entries(cache, ".nearest") == stored)
        for name in stored {
            let attributes = try FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: cache).appendingPathComponent(name).path)
            #expect((attributes[.modificationDate] as! Date) > old, "\(name) was not read")
        }
        try Self.expectSameOutputs(first, second)

        // Two kindergartens become one facility with two entrances: the searched points are the
        // same (every search unit is reused) but the catchments are not, so they are not reused.
        let text = try String(contentsOf: Self.facilities, encoding: .utf8)
        let merged = dir.appendingPathComponent("facilities.csv")
        try text.replacingOccurrences(of: "\nkindergarten-02,", with: "\nkindergarten-01,").write(to: merged, atomically: true, encoding: .utf8)
        let third = dir.appendingPathComponent("third"), clean = dir.appendingPathComponent("clean")
        #expect(try AnalyzeTests.analyze(["--cache", cache], facilities: merged.path, out: third).status == 0)
        #expect(try Self.summary(third)["searchUnits"] as? Int == 0)
        #expect(try Self.entries(cache, ".nearest").count == 14)   // the kindergarten's two units again
        #expect(try AnalyzeTests.analyze([], facilities: merged.path, out: clean).status == 0)
        try Self.expectSameOutputs(third, clean)
        let catchments = try Data(contentsOf: first.appendingPathComponent("facilities.csv"))
        #expect(try Data(contentsOf: clean.appendingPathComponent("facilities.csv")) != catchments)

        // A damaged entry is searched again.
        for name in try Self.entries(cache, ".nearest") {
            let victim = URL(fileURLWithPath: cache).appendingPathComponent(name)
            var bytes = try Data(contentsOf: victim)
            bytes[bytes.count - 2] ^= 0xFF
            try bytes.write(to: victim)
        }
        let fourth = dir.appendingPathComponent("fourth")
        #expect(try AnalyzeTests.analyze(["--cache", cache], facilities: merged.path, out: fourth).status == 0)
        try Self.expectSameOutputs(fourth, clean)
    }

    @Test func theBasemapFollowsTheOSMFile() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("cache").path
        let dry = dir.appendingPathComponent("dry.osm.pbf").path
        let osmium = try CLI.runTool("/usr/bin/env", ["osmium", "removeid", "-o", dry, CLI.helsinki] + Self.waterWays.map { "w\($0)" })
        #expect(osmium.status == 0, "\(osmium.stderr)")
        let args = ["--origins", AnalyzeTests.geodata.appendingPathComponent("test-origins.csv").path,
                    "--facilities", Self.facilities.path, "--items", AnalyzeTests.items, "--quiet"]
        func analyze(_ network: String, _ out: URL, cached: Bool) throws {
            let r = try CLI.run(["analyze", "--network", network, "--out", out.path] + args + (cached ? ["--cache", cache] : []))
            #expect(r.status == 0, "\(r.stderr)")
        }
        let wet = dir.appendingPathComponent("wet"), wetAgain = dir.appendingPathComponent("wet-again")
        try analyze(CLI.helsinki, wet, cached: true)
        #expect(try Self.entries(cache, ".baseland").count == 1)
        try analyze(CLI.helsinki, wetAgain, cached: true)
        #expect(try Self.entries(cache, ".baseland").count == 1)
        try Self.expectSameOutputs(wet, wetAgain)
        // Another OSM file (its water gone): another basemap, as a run without a cache draws it.
        let dried = dir.appendingPathComponent("dried"), clean = dir.appendingPathComponent("clean")
        try analyze(dry, dried, cached: true)
        #expect(try Self.entries(cache, ".baseland").count == 2)
        try analyze(dry, clean, cached: false)
        try Self.expectSameOutputs(dried, clean)
        let report = { (out: URL) in try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8) }
        #expect(try report(wet).contains("<path class=\"water\""))
        #expect(try report(wet) != report(dried))
    }
}
