@testable import CircleReport
import Foundation
import Testing

/// With a previous run, the report opens with what changed and puts deltas on the headline cards.
@Suite struct ChangeReportTests {
    static func model() -> ReportModel {
        var m = SampleReport.model(.en)
        m.change = ReportChange(previousRun: "7", previousDate: "2026-12-01T02:00:00Z", origins: 94, meanBasicScore: 0.75,
                                allBasicShare: 0.287, missingCount: 82,
                                items: [ReportItemChange(id: "kindergarten", before: 0.9, after: 0.82),
                                        ReportItemChange(id: "primary_school", before: 0.6, after: 0.64)],
                                subdistricts: [ReportGroupChange(name: "陆家嘴街道", missingBefore: 20, missingAfter: 14,
                                                                 scoreBefore: 0.9, scoreAfter: 0.92),
                                               ReportGroupChange(name: "书院镇", missingBefore: 10, missingAfter: 63,
                                                                 scoreBefore: 0.6, scoreAfter: 0.38)])
        return m
    }

    @Test func changeComesFirstWithDeltas() throws {
        let html = HTMLReport.render(Self.model())
        let main = try #require(html.range(of: "<main>\n"))
        #expect(html[main.upperBound...].hasPrefix("<section id=\"changes\">"))
        #expect(html.contains("<nav class=\"toc\" aria-label=\"Contents\"><a href=\"#changes\">Since the previous run</a>"))
        #expect(html.contains("82 → <b>140</b> <span class=\"delta worse\">(+58)</span>"))
        // Cards: mean score 75.0 % → 71.2 %, all basic unchanged, 缺项 +58.
        #expect(html.contains("<div class=\"delta worse\">−3.8 points since run 7</div>"))
        #expect(html.contains("<div class=\"delta same\">0.0 points since run 7</div>"))
        #expect(html.contains("<div class=\"delta worse\">+58 since run 7</div>"))
        // The biggest item move first; the subdistrict that opened the most 缺项 first.
        let k = try #require(html.range(of: ">Kindergarten</td>")), p = try #require(html.range(of: ">Primary school</td>"))
        #expect(k.lowerBound < p.lowerBound)
        let s = try #require(html.range(of: "<td>书院镇</td><td class=\"num\">10</td>"))
        let l = try #require(html.range(of: "<td>陆家嘴街道</td><td class=\"num\">20</td>"))
        #expect(s.lowerBound < l.lowerBound)
    }

    @Test func withoutPreviousRunNothingIsAdded() {
        let html = HTMLReport.render(SampleReport.model(.en))
        #expect(!html.contains("id=\"changes\"") && !html.contains("class=\"delta"))
    }

    @Test func signedNumbers() {
        #expect(ReportFormat.signed(2.54, decimals: 1) == "+2.5")
        #expect(ReportFormat.signed(-3, decimals: 0) == "−3")
        #expect(ReportFormat.signed(-0.01, decimals: 1) == "0.0")
    }
}
