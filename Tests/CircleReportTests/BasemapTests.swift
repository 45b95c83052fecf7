import CircleReport
import Foundation
import Testing

/// Water and green areas are drawn under the streets, with their legend, only when given.
struct BasemapTests {
    @Test func waterAndGreenAreDrawnUnderTheStreetsWithTheirLegend() throws {
        var model = SampleReport.model(.zh)
        let without = String(decoding: HTMLReport.data(model), as: UTF8.self)
        #expect(!without.contains("class=\"water\"") && !without.contains("水域"))
        let lon0 = model.map!.network[0][0].lon, lat0 = model.map!.network[0][0].lat
        func square(_ dx: Double) -> [ReportPosition] {
            [ReportPosition(lon0 + dx, lat0), ReportPosition(lon0 + dx + 0.004, lat0), ReportPosition(lon0 + dx + 0.004, lat0 + 0.004),
             ReportPosition(lon0 + dx, lat0 + 0.004), ReportPosition(lon0 + dx, lat0)]
        }
        model.map!.water = [square(0)]
        model.map!.green = [square(0.01), square(0.02)]
        let html = String(decoding: HTMLReport.data(model), as: UTF8.self)
        let water = try #require(html.range(of: "<path class=\"water\" d=\"M"))
        let green = try #require(html.range(of: "<path class=\"green\" d=\"M"))
        let net = try #require(html.range(of: "<path class=\"net\""))
        #expect(water.lowerBound < net.lowerBound && green.lowerBound < net.lowerBound, "the basemap must lie under the streets")
        #expect(html.contains("水域") && html.contains("绿地"))
        // Two green squares: two closed rings in one path.
        let d = html[green.upperBound...].prefix { $0 != "\"" }
        #expect(d.filter { $0 == "z" }.count == 2, "\(d)")
        #expect(HTMLReportTests.externalReferences(html).isEmpty)
    }
}
