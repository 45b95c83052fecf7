import Foundation
import Testing

/// The demo's reports opened in headless Chromium (Scripts/browser-check.py): no console error, no
/// request leaving the file, choosing an item redraws the gaps and recolours the origins, hovering
/// (1280 px) or tapping (390 px) an origin shows its card, a gap's card, the zoom buttons, and no
/// horizontal overflow outside the tables at 390 px. Screenshots go to $CIRCLE_SCREENSHOTS when set.
@Suite(.serialized) struct BrowserTests {
    struct View: Decodable {
        var width: Int
        var problems: [String]
        var firstContentfulPaintMs: Int?
        var originCard: String?
        var layerChange: [String: [String]]?
        var scrollWidth: Int
    }

    struct Report: Decodable {
        var report: String
        var bytes: Int
        var views: [View]
    }

    static func check(_ reports: [URL], shots: String?) throws -> (status: Int32, reports: [Report], stderr: String) {
        var args = [CLI.root.appendingPathComponent("Scripts/browser-check.py").path, "--json"] + reports.map(\.path)
        if let shots { args += ["--shots", shots] }
        let r = try CLI.runTool("/usr/bin/python3", args)
        let parsed = try r.stdout.split(separator: "\n").map { try JSONDecoder().decode(Report.self, from: Data($0.utf8)) }
        return (r.status, parsed, r.stderr)
    }

    @Test func demoReportsWorkInABrowser() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pudong = CLI.root.appendingPathComponent("geodata/pudong-synthetic")
        // The Pudong-like district (the demo's first report), and the Helsinki sample twice with a
        // history, in English: its second report opens with what changed.
        let a = try CLI.run(["analyze", "--network", pudong.appendingPathComponent("network.osm.pbf").path,
                             "--origins", pudong.appendingPathComponent("origins.csv").path,
                             "--facilities", pudong.appendingPathComponent("facilities.csv").path,
                             "--areas", pudong.appendingPathComponent("subdistricts.geojson").path,
                             "--out", dir.appendingPathComponent("pudong").path, "--quiet"])
        #expect(a.status == 0, "\(a.stderr)")
        let db = dir.appendingPathComponent("h.sqlite").path
        let helsinki = dir.appendingPathComponent("helsinki")
        #expect(try AnalyzeTests.analyze(["--history", db, "--lang", "en"], out: helsinki).status == 0)
        let text = try String(contentsOf: AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv"), encoding: .utf8)
        let fewer = dir.appendingPathComponent("f.csv")
        try text.split(separator: "\n").filter { !$0.contains(",primary_school,") }.joined(separator: "\n")
            .appending("\n").write(to: fewer, atomically: true, encoding: .utf8)
        #expect(try AnalyzeTests.analyze(["--history", db, "--lang", "en"], facilities: fewer.path, out: helsinki).status == 0)

        let reports = [dir.appendingPathComponent("pudong/report.html"), helsinki.appendingPathComponent("report.html")]
        let shots = ProcessInfo.processInfo.environment["CIRCLE_SCREENSHOTS"]
        let r = try Self.check(reports, shots: shots)
        #expect(r.status == 0, "\(r.stderr)")
        try #require(r.reports.count == 2, "Scripts/browser-check.py: \(r.stderr)")
        for report in r.reports {
            #expect(report.views.map(\.width) == [1280, 390])
            for v in report.views {
                #expect(v.problems == [], "\(report.report) at \(v.width) px")
                #expect(v.originCard != nil && v.layerChange != nil)
                #expect(v.firstContentfulPaintMs != nil)
            }
            #expect(report.views.last!.scrollWidth <= 390)
        }
    }

    /// The checker itself fails on a page that breaks the rules: it is no rubber stamp.
    @Test func checkerCatchesBrokenPages() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("bad.html")
        try """
        <!DOCTYPE html><html><head><meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
        <div style="width:900px">too wide</div><img src="https://example.org/x.png">
        <script>console.error("boom"); undefinedFunction();</script></body></html>
        """.write(to: page, atomically: true, encoding: .utf8)
        let r = try Self.check([page], shots: nil)
        #expect(r.status == 1)
        let problems = r.reports.first?.views.flatMap(\.problems) ?? []
        #expect(problems.contains { $0.contains("request leaves the file: https://example.org/x.png") })
        #expect(problems.contains { $0.contains("console error: boom") })
        #expect(problems.contains { $0.contains("exception") && $0.contains("undefinedFunction") })
        #expect(problems.contains { $0.contains("horizontal overflow at 390 px") })
    }
}
