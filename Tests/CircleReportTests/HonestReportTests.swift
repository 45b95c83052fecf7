@testable import CircleReport
import Foundation
import Testing

/// The report never shows invented population figures or 0 % for an item it has no data on.
@Suite struct HonestReportTests {
    static func withoutPopulation(_ lang: ReportLanguage) -> ReportModel {
        var m = SampleReport.model(lang)
        m.headline.population = nil
        m.headline.allBasicPopulationShare = nil
        m.headline.originsWithoutPopulation = m.headline.origins
        m.items = m.items.map { var i = $0; i.populationShare = nil; return i }
        m.subdistricts = m.subdistricts.map { var g = $0; g.population = nil; g.allBasicPopulationShare = nil; return g }
        m.areaClasses = m.areaClasses.map { var g = $0; g.population = nil; g.allBasicPopulationShare = nil; return g }
        return m
    }

    @Test(arguments: ReportLanguage.allCases)
    func populationFiguresHiddenWhenNoneIsGiven(_ lang: ReportLanguage) {
        let html = HTMLReport.render(Self.withoutPopulation(lang))
        let l = ReportLabels.of(lang)
        #expect(!html.contains("c-population") && !html.contains("c-allbasicpop"))
        #expect(!html.contains("class=\"b2\"") && !html.contains(">\(l.byPopulation)</th>"))
        #expect(!html.contains(">\(l.colPopulation)</th>"))
        #expect(html.contains(HTMLReport.escape(l.populationNone)))
        // The sample subdistricts' populations are not printed anywhere.
        #expect(!html.contains("112,000") && !html.contains("180,250"))
    }

    @Test func partialPopulationSaysHowManyAreLeftOut() {
        let html = HTMLReport.render(SampleReport.model(.en))
        #expect(html.contains("c-population") && html.contains("5 without population, left out"))
        #expect(html.contains("5 of 94 neighbourhoods have no population and are left out of population-weighted figures."))
        #expect(!html.contains("weigh 1"))
    }

    @Test(arguments: ReportLanguage.allCases)
    func itemWithoutFacilitiesIsNoDataNotZero(_ lang: ReportLanguage) throws {
        let html = HTMLReport.render(SampleReport.model(lang))
        let l = ReportLabels.of(lang)
        // ab_item has no facility (its 50 % share is an artefact): a "no data" row, no bar, no share.
        let start = try #require(html.range(of: "<tr data-item=\"ab_item\""))
        let row = html[start.lowerBound..<html.range(of: "</tr>", range: start.upperBound..<html.endIndex)!.upperBound]
        #expect(row.contains("class=\"nodata\"") && row.contains(l.noData))
        #expect(!row.contains("50.0%") && !row.contains("<rect"))
        // The headline says how many basic items had data: 4 of the sample's 5.
        #expect(html.contains(HTMLReport.escape(l.itemsWithData(4, 5))))
        // The education domain's mean leaves it out: (82 % + 64 %) / 2 = 73 %, not (82 + 64 + 50) / 3.
        let domain = try #require(html.range(of: "<table class=\"bars\" id=\"domain-chart\">"))
        let chart = html[domain.upperBound...].prefix(4000)
        #expect(chart.contains("73.0%") && !chart.contains("65.3%"))
    }
}
