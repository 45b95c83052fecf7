import Foundation
import Testing

/// Population figures use only the origins' own population (never 1 per origin), and an item with
/// no facility in the inputs is "no data", not 0 % covered: in summary.json, subdistricts.csv and
/// report.html.
@Suite(.serialized) struct HonestFiguresTests {
    static func json(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    @Test func withoutPopulationNoPopulationFigureIsInvented() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        // The sample origins have no population column; junior_middle_school has no facility.
        let r = try CLI.run(["analyze", "--network", CLI.helsinki,
                             "--origins", AnalyzeTests.geodata.appendingPathComponent("test-origins.csv").path,
                             "--facilities", AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path,
                             "--items", AnalyzeTests.items + ",junior_middle_school", "--out", out.path, "--quiet",
                             "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try Self.json(out.appendingPathComponent("summary.json"))
        let all = (summary["groups"] as! [[String: Any]]).last!
        // Null, not 400 residents (one per origin), and not a share computed from them.
        #expect(all["population"] is NSNull && all["allBasicPopulationShare"] is NSNull)
        #expect(all["originsWithoutPopulation"] as? Int == 400)
        let items = summary["items"] as! [[String: Any]]
        let junior = items.first { $0["id"] as? String == "junior_middle_school" }!
        #expect(junior["noData"] as? Bool == true && junior["originShare"] is NSNull && junior["facilityPoints"] as? Int == 0)
        let kindergarten = items.first { $0["id"] as? String == "kindergarten" }!
        #expect(kindergarten["noData"] as? Bool == false && kindergarten["originShare"] as? Double == 0.95)
        #expect(kindergarten["populationShare"] is NSNull)
        let csv = try String(contentsOf: out.appendingPathComponent("subdistricts.csv"), encoding: .utf8)
        let overall = csv.split(separator: "\n").first { $0.hasPrefix("overall,") }!.split(separator: ",", omittingEmptySubsequences: false)
        #expect(overall[3] == "" && overall[4] == "400" && overall[7] == "")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!html.contains("c-population") && !html.contains("c-allbasicpop") && !html.contains("class=\"b2\""))
        #expect(html.contains("population not given"))
        #expect(html.contains("<tr data-item=\"junior_middle_school\" class=\"nodata\">"))
        // Basic items of the run: kindergarten, primary school, health centre, junior middle school.
        #expect(html.contains("3 of 4 basic items have facilities in the inputs; the other is marked “no data”"))
    }

    @Test func partialPopulationLeavesTheOthersOut() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A population for the first 100 origins only: 1,000 residents each.
        let lines = try String(contentsOf: AnalyzeTests.geodata.appendingPathComponent("test-origins.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        var text = lines[0] + ",population\n"
        for (k, line) in lines.dropFirst().enumerated() { text += line + (k < 100 ? ",1000\n" : ",\n") }
        let origins = dir.appendingPathComponent("origins.csv")
        try text.write(to: origins, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("run")
        let r = try AnalyzeTests.analyze(["--lang", "en"], origins: origins.path, out: out)
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try Self.json(out.appendingPathComponent("summary.json"))
        let all = (summary["groups"] as! [[String: Any]]).last!
        #expect(all["population"] as? Double == 100_000 && all["originsWithoutPopulation"] as? Int == 300)
        #expect((summary["populationNote"] as? String)?.contains("300 of 400 origins have no population and are left out") == true)
        let share = try #require(all["allBasicPopulationShare"] as? Double)
        // The share is over the 100 origins with a population: a multiple of 1/100.
        #expect(abs(share * 100 - (share * 100).rounded()) < 1e-9)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("c-population") && html.contains("300 without population, left out"))
        #expect(html.contains("300 of 400 neighbourhoods have no population and are left out of population-weighted figures."))
    }
}
