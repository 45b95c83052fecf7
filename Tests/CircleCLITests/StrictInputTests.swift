import Foundation
import Testing

/// `circle analyze` and `circle run` never drop or invent input data silently (issue 10 §3): each
/// case here ran to exit 0 (or crashed, or exited 70) before, and now exits 1 naming the file the
/// bad value came from.
@Suite(.serialized) struct StrictInputTests {
    static let geodata = AnalyzeTests.geodata
    static let origins = geodata.appendingPathComponent("test-origins.csv")
    static let facilities = geodata.appendingPathComponent("test-facilities.csv")

    func analyze(_ args: [String], in dir: URL) throws -> CLI.Result {
        try CLI.run(["analyze", "--network", CLI.helsinki, "--out", dir.appendingPathComponent("run").path, "--quiet",
                     "--no-gaps"] + args)
    }

    func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func write(_ lines: [String], _ name: String, in dir: URL) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try (lines.joined(separator: "\n")).write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func anUnterminatedQuoteInOriginsStopsNamingItsLine() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rows = try lines(Self.origins)
        rows[199] = rows[199].replacingOccurrences(of: ",residential,", with: ",\"residential,")   // line 200
        let origins = try write(rows, "origins.csv", in: dir)
        let r = try analyze(["--origins", origins.path, "--facilities", Self.facilities.path, "--items", "kindergarten"], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("\(origins.path), line 200: a quoted field opened on this line is never closed"), "\(r.stderr)")
    }

    @Test func populationsThatOverflowTheirSumAreAnInputError() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let origins = try write(["id,kind,area_class,population,lon,lat",
                                 "A,residential,urban,1e308,24.9437242,60.1731080",
                                 "B,residential,urban,1e308,24.9378017,60.1660478",
                                 "C,residential,urban,10,24.9483745,60.1704000"], "origins.csv", in: dir)
        let r = try analyze(["--origins", origins.path, "--facilities", Self.facilities.path, "--items", "kindergarten"], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("\(origins.path), line 3: the populations add up to more than"), "\(r.stderr)")
        #expect(!r.stderr.contains("nan"))
    }

    @Test(arguments: ["nan", "-5", "inf", "0x10"])
    func aPopulationMustBeAFiniteNonNegativeDecimal(value: String) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let origins = try write(["id,kind,area_class,population,lon,lat", "A,residential,urban,\(value),24.9437242,60.1731080"],
                                "origins.csv", in: dir)
        let r = try analyze(["--origins", origins.path, "--facilities", Self.facilities.path, "--items", "kindergarten"], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("line 2: origin A: field population is not a non-negative number: '\(value)'"), "\(r.stderr)")
    }

    @Test func anAreaClassTypoInAreasNamesTheAreasFileAndFeature() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let areas = dir.appendingPathComponent("areas.geojson")
        try """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"name":"West","area_class":"urban"},"geometry":{"type":"Polygon",
              "coordinates":[[[24.93,60.16],[24.944,60.16],[24.944,60.18],[24.93,60.18],[24.93,60.16]]]}},
             {"type":"Feature","properties":{"name":"East","area_class":"remot"},"geometry":{"type":"Polygon",
              "coordinates":[[[24.944,60.16],[24.96,60.16],[24.96,60.18],[24.944,60.18],[24.944,60.16]]]}}]}
            """.write(to: areas, atomically: true, encoding: .utf8)
        // Origins without their own class or a subdistrict the catalog knows: the areas decide.
        let origins = try write(["id,kind,lon,lat", "W,residential,24.9400,60.1700", "E,residential,24.9480,60.1700"],
                                "o.csv", in: dir)
        let r = try analyze(["--origins", origins.path, "--areas", areas.path, "--facilities", Self.facilities.path,
                             "--items", "kindergarten"], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("\(areas.path), feature 2: field area_class is 'remot', not an area class of catalog pudong"),
                "\(r.stderr)")
        #expect(r.stderr.contains("did you mean 'remote'?") && !r.stderr.contains(origins.path), "\(r.stderr)")
    }

    @Test func facilitiesWithLatitudeAndLongitudeSwappedStopTheRun() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rows = try lines(Self.facilities)
        rows[0] = "id,type,lat,lon"   // the columns swapped: every point lands at (60.17, 24.94)
        let facilities = try write(rows, "facilities.csv", in: dir)
        let r = try analyze(["--origins", Self.origins.path, "--facilities", facilities.path, "--items", "kindergarten,bus_stop"],
                            in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("\(facilities.path): "), "\(r.stderr)")
        #expect(r.stderr.contains("facility points lie farther than the snapping distance from the network; the run stops. "
                                  + "Latitude and longitude look swapped"), "\(r.stderr)")
    }

    @Test func anUnknownFacilityTypeWarnsWithTheClosestItemsAndStrictRefusesIt() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rows = try lines(Self.facilities)
        rows[1] = "canteen-1,社区食堂,24.9395783,60.1707729"
        rows[2] = "kg-typo,kindergarden,24.9478771,60.1747942"
        let facilities = try write(rows, "facilities.csv", in: dir)
        let args = ["--origins", Self.origins.path, "--facilities", facilities.path, "--items", "kindergarten"]
        let r = try analyze(args, in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("1 facilities of unknown type '社区食堂' skipped (not an item of catalog pudong); "
                                  + "did you mean elderly_meal_point (社区老年助餐点/长者食堂)"), "\(r.stderr)")
        #expect(r.stderr.contains("'kindergarden' skipped (not an item of catalog pudong); did you mean kindergarten (幼儿园)"),
                "\(r.stderr)")
        let s = try analyze(args + ["--strict"], in: dir)
        #expect(s.status == 1, "\(s.stderr)")
        #expect(s.stderr.contains("\(facilities.path), line 3: facility type 'kindergarden' is not an item of catalog pudong; "
                                  + "did you mean kindergarten (幼儿园)"), "\(s.stderr)")
    }

    @Test func strictInAJobFile() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rows = try lines(Self.facilities)
        rows[1] = "canteen-1,社区食堂,24.9395783,60.1707729"
        let facilities = try write(rows, "facilities.csv", in: dir)
        let job = dir.appendingPathComponent("job.yaml")
        try """
            network: \(CLI.helsinki)
            origins: \(Self.origins.path)
            facilities: [\(facilities.path)]
            items: [kindergarten]
            gaps: false
            strict: true
            out: \(dir.appendingPathComponent("run").path)
            """.write(to: job, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", job.path, "--quiet"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("\(facilities.path), line 2: facility type '社区食堂' is not an item of catalog pudong; "
                                  + "did you mean elderly_meal_point"), "\(r.stderr)")
    }

    @Test(arguments: [
        ("flow lists", "network: " + String(repeating: "[", count: 10_000)),
        ("closed flow lists", "network: " + String(repeating: "[", count: 8_000) + String(repeating: "]", count: 8_000)),
        ("flow mappings", "network: " + String(repeating: "{a: ", count: 5_000) + "b" + String(repeating: "}", count: 5_000)),
        ("block nesting", (0..<1_000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " v"),
        ("block lists", (0..<1_000).map { String(repeating: " ", count: 2 * $0) + "-" }.joined(separator: "\n") + " v"),
    ])
    func deeplyNestedJobFilesExit1InsteadOfCrashing(name: String, yaml: String) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = dir.appendingPathComponent("job.yaml")
        try yaml.write(to: job, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", job.path])
        #expect(r.status == 1, "\(name): \(r.status) \(r.stderr.prefix(300))")
        #expect(r.stderr.contains("\(job.path):") && r.stderr.contains(": lists and mappings nested more than 64 levels deep"),
                "\(name): \(r.stderr.prefix(300))")
    }

    @Test func deeplyNestedGeoJSONOriginsExit1() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let origins = dir.appendingPathComponent("o.geojson")
        try (#"{"type":"FeatureCollection","features":"# + String(repeating: "[", count: 100_000))
            .write(to: origins, atomically: true, encoding: .utf8)
        let r = try analyze(["--origins", origins.path, "--facilities", Self.facilities.path], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("\(origins.path), line 1, column 551: not valid JSON: nesting deeper than 512 levels"),
                "\(r.stderr)")
    }
}
