import Foundation
import Testing

/// A scenario run with a warm cache (its road network layer, searches and maps read back from
/// the baseline's) writes the report a fresh run on the edited files writes, byte for byte but
/// for the parts naming the input files.
@Suite(.serialized) struct ScenarioReportTests {
    @Test func warmCacheScenarioReportEqualsAFreshRunsReport() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("cache").path
        let base = dir.appendingPathComponent("base"), scen = dir.appendingPathComponent("scen")
        let again = dir.appendingPathComponent("again"), fresh = dir.appendingPathComponent("fresh")
        let scenario = dir.appendingPathComponent("what-if.yaml")
        try ScenarioTests.scenarioYAML(closures: false).write(to: scenario, atomically: true, encoding: .utf8)
        let (edited, extra) = try ScenarioTests.editedFacilities(in: dir)
        try ScenarioTests.touch([scenario.path, edited, extra])

        #expect(try ScenarioTests.analyze(["--cache", cache], out: base).status == 0)
        let r = try ScenarioTests.analyze(["--cache", cache, "--scenario", scenario.path, "--baseline", base.path], out: scen)
        #expect(r.status == 0, "\(r.stderr)")
        // Once more, every layer and search now in the cache.
        #expect(try ScenarioTests.analyze(["--cache", cache, "--scenario", scenario.path, "--baseline", base.path], out: again).status == 0)
        #expect(try ScenarioTests.analyze([], facilities: [edited, extra], out: fresh).status == 0)

        let report = try ScenarioTests.reportWithoutInputs(scen)
        #expect(report == (try ScenarioTests.reportWithoutInputs(fresh)))
        #expect(try Data(contentsOf: scen.appendingPathComponent("report.html")) == Data(contentsOf: again.appendingPathComponent("report.html")))
        // The scenario changed the report (a kindergarten added, two removed), so the comparison says something.
        #expect(report != (try ScenarioTests.reportWithoutInputs(base)))
        #expect(report.contains("<path class=\"net\" d=\"M") && report.contains("id=\"map-data\""))
    }
}
