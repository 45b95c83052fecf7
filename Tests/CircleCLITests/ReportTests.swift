import Foundation
import Testing

/// report.html as `circle analyze` writes it on the sample data: self-contained and saying the
/// run's figures.
@Suite(.serialized) struct ReportTests {
    @Test(arguments: ["zh", "en"])
    func reportIsSelfContainedAndShowsTheFigures(lang: String) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let r = try AnalyzeTests.analyze(["--lang", lang], out: out)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("report.html"))
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        // No external request of any kind.
        for needle in ["http://", "https://", "<link", "@import", "url(", "src=", "//cdn"] {
            #expect(!html.contains(needle), "report.html contains \(needle)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg"))
        // The headline: 400 origins; every item in the chosen language.
        #expect(html.contains(">400<"))
        let names = lang == "zh" ? ["幼儿园", "小学", "公交站点"] : ["Kindergarten", "Primary school", "Bus stop"]
        for name in names { #expect(html.contains(name), "\(name)") }
        // One gap layer per item with gaps, and the origins on the map.
        #expect(html.components(separatedBy: "class=\"gap").count - 1 >= 5)
    }

    @Test func badLanguageIsRefused() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try AnalyzeTests.analyze(["--lang", "fr"], out: dir.appendingPathComponent("run"))
        #expect(r.status == 1 && r.stderr.contains("--lang must be zh or en"))
    }

    @Test func helsinkisParksAreInTheBasemap() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        #expect(try AnalyzeTests.analyze(["--gap-cell", "100"], out: out).status == 0)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        // Helsinki's OSM extract maps parks and grass as closed ways: they lie under the streets.
        let green = try #require(html.range(of: "<path class=\"green\" d=\"M"))
        let net = try #require(html.range(of: "<path class=\"net\""))
        #expect(green.lowerBound < net.lowerBound)
        #expect(html.contains("绿地"))
    }
}
