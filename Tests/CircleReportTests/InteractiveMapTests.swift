@testable import CircleReport
import Foundation
import Testing

/// The map's static drawing (for print and readers without script) and the data its script reads.
@Suite struct InteractiveMapTests {
    /// The sample model with minutes for every origin (item k: origin index × (k + 1) minutes),
    /// facilities for two items and residents for one gap.
    static func model() -> ReportModel {
        var m = SampleReport.model(.en)
        let n = m.items.count
        m.map!.origins = m.map!.origins.enumerated().map { o, origin in
            var x = origin
            x.kind = o % 2 == 0 ? "residential" : "village"
            x.mode = o % 2 == 0 ? "walk" : "cycle"
            x.subdistrict = "书院镇"
            x.minutes = (0..<n).map { k in
                o == 7 ? .unreachable : k == n - 1 && o == 5 ? .notApplicable : .minutes(Double(o) * Double(k + 1) * 0.9)
            }
            return x
        }
        m.map!.facilities = ["community_health_center": [ReportPosition(121.59, 31.21), ReportPosition(121.60, 31.22)],
                             "primary_school": [ReportPosition(121.61, 31.23)]]
        m.map!.gapResidents = ["community_health_center": 12_345]
        return m
    }

    static func json(_ html: String) throws -> [String: Any] {
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"map-data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        return try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as! [String: Any]
    }

    @Test func dotsAreClassedByMinutesToTheChosenItem() throws {
        let html = HTMLReport.render(Self.model())
        // The chosen item is the health centre (index 3, reach 15): origin o takes o × 4 × 0.9 minutes.
        // o = 0…2 within 10 min (m1), 3–4 within 15 (m2), 5 within 20 (m3), 6 beyond (m4), 7 unreachable (m4).
        let start = try #require(html.range(of: "<g class=\"origins\">\n"))
        let circles = html[start.upperBound...].components(separatedBy: "/>").prefix(8)
        let classes = circles.map { c in c.range(of: "class=\"m").map { String(c[$0.upperBound]) } ?? "?" }
        #expect(classes == ["1", "1", "1", "2", "2", "3", "4", "4"])
        // The legend gives the bounds of the chosen item's reach.
        #expect(html.contains("<span class=\"lgm\" id=\"lg-m1\">≤ 10</span>") && html.contains("id=\"lg-m4\">&gt; 20</span>"))
        // Facility layers: the chosen item's shown, the other hidden.
        #expect(html.contains("<g class=\"fac\" data-item=\"community_health_center\"><path d=\"M"))
        #expect(html.contains("<g class=\"fac\" data-item=\"primary_school\" style=\"display:none\"><path d=\"M"))
        // Controls: pan/zoom buttons, layer toggles, the card.
        for id in ["zoom-in", "zoom-out", "zoom-reset", "map-card", "map-layers"] { #expect(html.contains("id=\"\(id)\"")) }
        #expect(html.contains("data-layer=\"fac\"") && html.contains("data-layer=\"gap\""))
        #expect(HTMLReportTests.externalReferences(html) == [])
    }

    @Test func scriptDataHoldsEveryOriginsMinutes() throws {
        let model = Self.model()
        let data = try Self.json(HTMLReport.render(model))
        let n = model.items.count
        #expect((data["names"] as! [String]).count == 30 && (data["ids"] as! [String])[3] == "O3")
        #expect(data["kind"] as? String == String(repeating: "rv", count: 15))
        #expect(data["sel"] as? Int == 3 && data["hasMinutes"] as? Bool == true)
        var t = data["t"] as! String
        while t.count % 4 != 0 { t += "=" }
        let bytes = [UInt8](try #require(Data(base64Encoded: t)))
        #expect(bytes.count == 30 * n)
        // Origin 2, item 1: 2 × 2 × 0.9 = 3.6 min → 15 quarters (3.75, rounded up: never understated).
        #expect(bytes[2 * n + 1] == 15)
        #expect(bytes[7 * n] == 252 && bytes[5 * n + n - 1] == 253)
        // Origin 29, item 5: 156.6 min is beyond the byte's range.
        #expect(bytes[29 * n + 5] == 251)
        let items = data["items"] as! [[String: Any]]
        let centre = items[3]
        #expect(centre["id"] as? String == "community_health_center" && centre["res"] as? Int == 12_345)
        // Two gap squares of 0.014° and 0.01° at 31.2°N: about 2.06 + 1.05 km².
        let area = try #require(centre["area"] as? Double)
        #expect(abs(area - 3.11) < 0.05, "\(area)")
        // Origins missing the centre (beyond its reach or unreachable): 5…29, that is 25.
        #expect(centre["n"] as? Int == 25)
        #expect(items[2]["nodata"] as? Bool == true)
    }

    @Test func minuteCodes() {
        #expect(HTMLReport.minuteCode(.minutes(15)) == 60 && HTMLReport.minuteCode(.minutes(15.0001)) == 61)
        #expect(HTMLReport.minuteCode(.minutes(0)) == 0 && HTMLReport.minuteCode(.minutes(62.5)) == 250)
        #expect(HTMLReport.minuteCode(.minutes(62.6)) == 251 && HTMLReport.minuteCode(.unreachable) == 252)
        // An origin at exactly the reach is covered, a hair beyond is not.
        #expect(HTMLReport.minuteClass(.minutes(15), reach: 15) == 2 && HTMLReport.minuteClass(.minutes(15.01), reach: 15) == 3)
    }
}
