@testable import CircleReport
import Foundation
import Testing

/// A small hand-made model: two basic domains and a related one, an item whose name needs
/// escaping, subdistricts listed out of order, a map with a hole in a gap polygon.
/// Set `CIRCLE_REPORT_PREVIEW_DIR` to have `previewFiles` write report-zh.html and report-en.html.
enum SampleReport {
    static let domains = [
        ReportDomain(id: "education", nameZh: "教育", nameEn: "Education", kind: "basic"),
        ReportDomain(id: "health", nameZh: "卫生", nameEn: "Health", kind: "basic"),
        ReportDomain(id: "commerce", nameZh: "商业", nameEn: "Commerce", kind: "related"),
    ]

    static let items = [
        ReportItem(id: "kindergarten", nameZh: "幼儿园", nameEn: "Kindergarten", domainId: "education", isBasic: true,
                   originShare: 0.82, populationShare: 0.86, facilityCount: 12),
        ReportItem(id: "primary_school", nameZh: "小学", nameEn: "Primary school", domainId: "education", isBasic: true,
                   originShare: 0.64, populationShare: 0.71, facilityCount: 7),
        ReportItem(id: "ab_item", nameZh: "A&B <x>", nameEn: "A&B <x>", domainId: "education", isBasic: true,
                   originShare: 0.5, populationShare: nil, facilityCount: 0),
        ReportItem(id: "community_health_center", nameZh: "社区卫生服务中心(含分中心)",
                   nameEn: "Community health service centre (incl. branch centre)", domainId: "health", isBasic: true,
                   originShare: 0.41, populationShare: 0.55, facilityCount: 3),
        ReportItem(id: "community_health_station", nameZh: "社区卫生服务站/村卫生室",
                   nameEn: "Community health station / village clinic", domainId: "health", isBasic: true,
                   originShare: 0.93, populationShare: 0.95, facilityCount: 30),
        ReportItem(id: "wet_market", nameZh: "标准化菜市场", nameEn: "Standardised fresh-food (wet) market",
                   domainId: "commerce", isBasic: false, originShare: 1, populationShare: 1, facilityCount: 9),
    ]

    static let subdistricts = [
        ReportGroup(name: "陆家嘴街道", areaClass: "urban", origins: 31, population: 112_000, meanBasicScore: 0.92,
                    allBasicShare: 0.71, allBasicPopulationShare: 0.75, missingCount: 14, worstItems: ["ab_item"]),
        ReportGroup(name: "书院镇", areaClass: "remote", origins: 18, population: 41_500, meanBasicScore: 0.38,
                    allBasicShare: 0.0, allBasicPopulationShare: 0.0, missingCount: 63,
                    worstItems: ["community_health_center", "primary_school", "ab_item"]),
        ReportGroup(name: "张江镇", areaClass: "expansion", origins: 40, population: 180_250, meanBasicScore: 0.71,
                    allBasicShare: 0.3, allBasicPopulationShare: 0.36, missingCount: 51, worstItems: ["primary_school"]),
        ReportGroup(name: "Q&A \"镇\" <b>", areaClass: "remote", origins: 5, population: nil, meanBasicScore: 0.55,
                    allBasicShare: 0.2, allBasicPopulationShare: nil, missingCount: 12, worstItems: []),
    ]

    /// A grid of streets around Zhangjiang, origins on it, and gaps for three items.
    static var map: ReportMap {
        let lon0 = 121.58, lat0 = 31.20, step = 0.004
        var network: [[ReportPosition]] = []
        for i in 0...10 {
            network.append((0...10).map { ReportPosition(lon0 + Double($0) * step, lat0 + Double(i) * step) })
            network.append((0...10).map { ReportPosition(lon0 + Double(i) * step, lat0 + Double($0) * step) })
        }
        var origins: [ReportMapOrigin] = []
        for k in 0..<30 {
            let score: Double? = k == 7 ? nil : Double((k * 7) % 22) / 21
            origins.append(ReportMapOrigin(id: "O\(k)", name: k == 3 ? "\"Quoted\" <origin>" : "居委\(k)",
                                           position: ReportPosition(lon0 + Double(k % 6) * 0.0075 + 0.002,
                                                                    lat0 + Double(k / 6) * 0.0075 + 0.004),
                                           basicScore: score, missingCount: score.map { Int(((1 - $0) * 21).rounded()) }))
        }
        func square(_ x: Double, _ y: Double, _ s: Double) -> [ReportPosition] {
            [ReportPosition(x, y), ReportPosition(x + s, y), ReportPosition(x + s, y + s), ReportPosition(x, y + s), ReportPosition(x, y)]
        }
        let gaps: [String: [[[ReportPosition]]]] = [
            "primary_school": [[square(lon0 + 0.02, lat0 + 0.02, 0.016), square(lon0 + 0.025, lat0 + 0.025, 0.005)]],
            "community_health_center": [[square(lon0, lat0 + 0.024, 0.014)], [square(lon0 + 0.03, lat0, 0.01)]],
            "ab_item": [[square(lon0 + 0.004, lat0 + 0.004, 0.008)]],
            "wet_market": [],
        ]
        return ReportMap(network: network, boundaries: [square(lon0 - 0.001, lat0 - 0.001, 0.042)], origins: origins,
                         gaps: gaps, defaultItem: "community_health_center")
    }

    static func model(_ lang: ReportLanguage) -> ReportModel {
        ReportModel(
            title: lang == .zh ? "浦东新区 15 分钟社区生活圈覆盖评估（测试）" : "Pudong 15-minute service circles (test)",
            inputsDate: "2024-05-01 10:00", toolVersion: "0.9.0-test", lang: lang,
            headline: ReportHeadline(origins: 94, population: 333_750, originsWithoutPopulation: 5, meanBasicScore: 0.712,
                                     allBasicShare: 0.287, allBasicPopulationShare: 0.331, missingCount: 140,
                                     basicItemCount: 21),
            domains: domains, items: items, subdistricts: subdistricts,
            areaClasses: [
                ReportGroup(name: "urban", areaClass: "urban", origins: 31, population: 112_000, meanBasicScore: 0.92,
                            allBasicShare: 0.71, missingCount: 14, worstItems: ["ab_item"]),
                ReportGroup(name: "remote", areaClass: "remote", origins: 23, population: 41_500, meanBasicScore: 0.41,
                            allBasicShare: 0.04, missingCount: 75, worstItems: ["community_health_center"]),
            ],
            worstOrigins: [
                ReportOrigin(id: "O1", name: "新场村", subdistrict: "书院镇", mode: "cycle", population: 1200, basicScore: 0.667,
                             missing: ["primary_school", "ab_item"]),
                ReportOrigin(id: "O2", name: "Tom & Jerry <村>", subdistrict: "书院镇", mode: "cycle", basicScore: 0.5,
                             missing: ["kindergarten", "primary_school", "ab_item", "community_health_center"]),
                ReportOrigin(id: "O3", name: "张江居委", subdistrict: "张江镇", mode: "walk", basicScore: 0.8,
                             missing: ["community_health_center"]),
            ],
            originsWithMissing: 67, map: map,
            parameters: [ReportParameter("walk speed", "4 km/h"), ReportParameter("cycle speed", "12 km/h"),
                         ReportParameter("reach", "15 min"), ReportParameter("catalog", "pudong 2024.1")],
            inputs: [ReportInput(role: "network", path: "geodata/pudong/pudong.osm.pbf", bytes: 48_213_004,
                                 sha256: String(repeating: "ab12", count: 16)),
                     ReportInput(role: "origins", path: "geodata/pudong/<committees>.csv", sha256: nil)],
            notes: ["Catalog items marked low confidence are poorly mapped in OSM; see https://wiki.openstreetmap.org/wiki/Health",
                    "Synthetic sample & test data."])
    }

    /// A district-sized model: `lines` network polylines, `origins` origins, gaps for 20 items.
    static func large(lines: Int = 5_000, origins: Int = 2_000) -> ReportModel {
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var network: [[ReportPosition]] = []
        for _ in 0..<lines {
            var p = ReportPosition(121.45 + next() * 0.45, 30.85 + next() * 0.45)
            var line = [p]
            for _ in 0..<(2 + Int(next() * 10)) {
                p = ReportPosition(p.lon + (next() - 0.5) * 0.003, p.lat + (next() - 0.5) * 0.003)
                line.append(p)
            }
            network.append(line)
        }
        let dots = (0..<origins).map { k in
            ReportMapOrigin(id: "R\(k)", name: "居委\(k)", position: ReportPosition(121.45 + next() * 0.45, 30.85 + next() * 0.45),
                            basicScore: Double(Int(next() * 22)) / 21, missingCount: Int(next() * 21))
        }
        var items: [ReportItem] = []
        var gaps: [String: [[[ReportPosition]]]] = [:]
        for i in 0..<20 {
            let id = "item\(i)"
            items.append(ReportItem(id: id, nameZh: "项目\(i)", nameEn: "Item \(i)", domainId: i < 14 ? "basic\(i / 4)" : "rel",
                                    isBasic: i < 14, originShare: next(), populationShare: next()))
            gaps[id] = (0..<40).map { _ in
                let cx = 121.45 + next() * 0.45, cy = 30.85 + next() * 0.45, r = 0.002 + next() * 0.01
                let ring = (0...24).map { k -> ReportPosition in
                    let a = Double(k % 24) / 24 * 2 * .pi, rr = r * (0.7 + 0.3 * sin(3 * a))
                    return ReportPosition(cx + rr * cos(a), cy + rr * sin(a))
                }
                return [ring]
            }
        }
        let subdistricts = (0..<36).map { k in
            ReportGroup(name: "街镇\(k)", areaClass: ["urban", "expansion", "remote"][k % 3], origins: 40, population: 50_000,
                        meanBasicScore: next(), allBasicShare: next(), missingCount: Int(next() * 300),
                        worstItems: ["item1", "item2", "item3"])
        }
        let worst = (0..<50).map { k in
            ReportOrigin(id: "R\(k)", name: "居委\(k)", subdistrict: "街镇\(k % 36)", mode: "walk", basicScore: next(),
                         missing: (0..<(1 + k % 12)).map { "item\($0)" })
        }
        return ReportModel(title: "Large", inputsDate: "t", toolVersion: "v", lang: .zh,
                           headline: ReportHeadline(origins: origins, population: 2e6, meanBasicScore: 0.6, allBasicShare: 0.2,
                                                    allBasicPopulationShare: 0.25, missingCount: 9000, basicItemCount: 21),
                           domains: [], items: items, subdistricts: subdistricts, worstOrigins: worst,
                           map: ReportMap(network: network, origins: dots, gaps: gaps))
    }
}

@Suite struct HTMLReportTests {
    /// Every reference a browser could follow or fetch.
    static func externalReferences(_ html: String) -> [String] {
        var found: [String] = []
        for needle in ["http://", "https://", "src=", "<link", "@import", "url(", "<img", "<iframe", "<object",
                       "<embed", "@font-face", "xmlns", "ftp://", "file://", "//cdn"] where html.contains(needle) {
            found.append(needle)
        }
        // Links only to anchors in the page.
        var rest = Substring(html)
        while let r = rest.range(of: "href=\"") {
            rest = rest[r.upperBound...]
            if !rest.hasPrefix("#") { found.append("href=\"" + rest.prefix(20)) }
        }
        return found
    }

    /// Origin dots drawn on the map.
    static func mapDots(_ html: String) -> Int {
        guard let start = html.range(of: "<g class=\"origins\">"),
              let end = html.range(of: "</svg>", range: start.upperBound..<html.endIndex) else { return 0 }
        return html[start.upperBound..<end.lowerBound].components(separatedBy: "<circle cx=").count - 1
    }

    @Test(arguments: ReportLanguage.allCases)
    func selfContained(_ lang: ReportLanguage) {
        let html = HTMLReport.render(SampleReport.model(lang))
        #expect(Self.externalReferences(html) == [])
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<style>") && html.contains("<script>"))
        // The note quoting a web page keeps its text but is no link.
        #expect(html.contains("https&#58;//wiki.openstreetmap.org/wiki/Health"))
        // Printable: A4 pages, a page break before every section but the first.
        #expect(html.contains("@page { size: A4"))
        #expect(html.contains("main > section { break-before: page; }"))
    }

    @Test func itemNamesInTheirLanguage() {
        let zh = HTMLReport.render(SampleReport.model(.zh))
        let en = HTMLReport.render(SampleReport.model(.en))
        for item in SampleReport.items {
            #expect(zh.contains(HTMLReport.escape(item.nameZh)), "\(item.nameZh)")
            #expect(en.contains(HTMLReport.escape(item.nameEn)), "\(item.nameEn)")
            if item.nameZh != item.nameEn {
                #expect(!zh.contains(HTMLReport.escape(item.nameEn)), "\(item.nameEn) in zh")
                #expect(!en.contains(HTMLReport.escape(item.nameZh)), "\(item.nameZh) in en")
            }
        }
        #expect(zh.contains("<html lang=\"zh-CN\"") && zh.contains("各街镇情况") && zh.contains("缺项最多的居村"))
        #expect(en.contains("<html lang=\"en\"") && en.contains("Subdistricts") && !en.contains("各街镇情况"))
        // The missing items of the worst origins are named in the report's language.
        #expect(zh.contains("幼儿园、小学、A&amp;B &lt;x&gt;、社区卫生服务中心(含分中心)"))
        #expect(en.contains("Kindergarten, Primary school, A&amp;B &lt;x&gt;, Community health service centre (incl. branch centre)"))
        // Area classes and modes are translated.
        #expect(zh.contains("远郊地区") && zh.contains("骑行"))
        #expect(en.contains("Remote") && en.contains("cycle"))
    }

    @Test func subdistrictsWorstFirst() throws {
        let html = HTMLReport.render(SampleReport.model(.zh))
        let start = try #require(html.range(of: "id=\"subdistrict-table\""))
        let end = try #require(html.range(of: "</table>", range: start.upperBound..<html.endIndex))
        let table = html[start.upperBound..<end.lowerBound]
        let names = ["书院镇", HTMLReport.escape("Q&A \"镇\" <b>"), "张江镇", "陆家嘴街道"]   // 0.38, 0.55, 0.71, 0.92
        let positions = try names.map { try #require(table.range(of: "<tr><td data-v=\"\($0)\"")).lowerBound }
        #expect(positions == positions.sorted())
        #expect(table.contains("data-type=\"num\" aria-sort=\"ascending\""))
    }

    @Test func escaping() {
        #expect(HTMLReport.escape("A&B <x> \"q\" 'a'") == "A&amp;B &lt;x&gt; &quot;q&quot; &#39;a&#39;")
        #expect(HTMLReport.escape("see https://x.org, a:b") == "see https&#58;//x.org, a:b")
        for lang in ReportLanguage.allCases {
            let html = HTMLReport.render(SampleReport.model(lang))
            #expect(html.contains("A&amp;B &lt;x&gt;"))
            #expect(!html.contains("A&B"))
            #expect(!html.contains("<x>"))
            #expect(html.contains("Tom &amp; Jerry &lt;村&gt;"))
            // Origin names live in the map's JSON block, with <, >, & and quotes escaped.
            #expect(html.contains("\"\\\"Quoted\\\" \\u003corigin\\u003e\""))
            #expect(!html.contains("<origin>"))
            #expect(!html.contains("<b>") && !html.contains("<committees>"))
        }
    }

    @Test func mapHasOneGroupPerItemWithGaps() throws {
        let html = HTMLReport.render(SampleReport.model(.en))
        let groups = html.components(separatedBy: "<g class=\"gap\"").count - 1
        #expect(groups == 3)   // wet_market's gap list is empty: no group, "(no gaps)" in the list
        for id in ["primary_school", "community_health_center", "ab_item"] {
            #expect(html.contains("<g class=\"gap\" data-item=\"\(id)\""))
            #expect(html.contains("<option value=\"\(id)\""))
        }
        #expect(!html.contains("data-item=\"wet_market\" style"))
        #expect(html.contains("Standardised fresh-food (wet) market (no gaps)</option>"))
        // Only the default item is displayed; the others wait for the <select>.
        #expect(html.contains("<g class=\"gap\" data-item=\"community_health_center\"><path"))
        #expect(html.components(separatedBy: "style=\"display:none\"").count - 1 == 2)
        #expect(html.contains("<option value=\"community_health_center\" data-caption=\"Gaps: Community health service centre (incl. branch centre) (neighbourhood coverage 41.0%)\" selected>"))
        // The school's gap is a square with a square hole: two closed rings in one path.
        let start = try #require(html.range(of: "<g class=\"gap\" data-item=\"primary_school\""))
        let path = html[start.upperBound...].prefix { $0 != "/" }
        #expect(path.filter { $0 == "M" }.count == 2 && path.filter { $0 == "z" }.count == 2)
        // Network, boundary, origins coloured by score (nil grey), scale bar and legend.
        #expect(html.contains("<path class=\"net\" d=\"M"))
        #expect(html.contains("<path class=\"bnd\" d=\"M"))
        #expect(Self.mapDots(html) == 30)
        // Without minutes, dots fall back to the basic score's colour (nil grey).
        #expect(html.contains("fill=\"#d73027\"/>") && html.contains("fill=\"#1a9850\"/>") && html.contains("fill=\"#9e9e9e\"/>"))
        #expect(html.contains("<g class=\"scale\">") && html.contains("500 m</text>"))
        #expect(html.contains("not scored"))
    }

    @Test func deterministic() {
        for lang in ReportLanguage.allCases {
            let a = HTMLReport.render(SampleReport.model(lang))
            var model = SampleReport.model(lang)
            // The same gaps inserted in another order.
            var gaps: [String: [[[ReportPosition]]]] = [:]
            for key in model.map!.gaps.keys.sorted().reversed() { gaps[key] = model.map!.gaps[key] }
            model.map!.gaps = gaps
            let b = HTMLReport.render(model)
            #expect(a == b)
            #expect(a == HTMLReport.render(SampleReport.model(lang)))
        }
    }

    @Test func withoutMapOrRows() {
        var model = SampleReport.model(.zh)
        model.map = nil
        model.subdistricts = []
        model.worstOrigins = []
        model.inputs = []
        let html = HTMLReport.render(model)
        #expect(html.contains("本次运行没有地图数据。"))
        #expect(!html.contains("<svg class=\"map\""))
        #expect(Self.externalReferences(html) == [])
    }

    @Test func largeModelStaysSmall() {
        let model = SampleReport.large()
        let clock = ContinuousClock()
        var html = ""
        let elapsed = clock.measure { html = HTMLReport.render(model) }
        let bytes = html.utf8.count
        print("large report (5,000 polylines, 2,000 origins, 20 items × 40 gap polygons): \(bytes) bytes, rendered in \(elapsed)")
        #expect(bytes < 2_000_000)
        #expect(Self.mapDots(html) == 2_000)
        #expect(html.components(separatedBy: "<g class=\"gap\"").count - 1 == 20)
        #expect(Self.externalReferences(html) == [])
    }

    @Test func formats() {
        #expect(ReportFormat.percent(0.8523) == "85.2%")
        #expect(ReportFormat.percent(nil) == "—")
        #expect(ReportFormat.grouped(1_234_567) == "1,234,567")
        #expect(ReportFormat.grouped(999) == "999")
        #expect(ReportFormat.populationCard(1_234_567, lang: .zh) == "123.5万")
        #expect(ReportFormat.populationCard(1_234_567, lang: .en) == "1,234,567")
        #expect(ReportFormat.minutes(15) == "15" && ReportFormat.minutes(12.5) == "12.5")
        #expect(ReportFormat.bytes(48_213_004) == "46.0 MB")
        #expect(ScoreColor.hex(0) == "#d73027" && ScoreColor.hex(1) == "#1a9850" && ScoreColor.hex(0.5) == "#fee08b")
    }

    @Test func geometry() throws {
        var path = PathBuilder()
        path.ring([GridPoint(x: 10, y: 10), GridPoint(x: 20, y: 10), GridPoint(x: 20, y: 0), GridPoint(x: 10, y: 10)])
        path.line([GridPoint(x: 0, y: 5), GridPoint(x: 3, y: 5)])
        #expect(path.d == "M10 10l10 0 0-10zM0 5l3 0")
        // Points within the tolerance of the chord go; the ends stay.
        let wiggle = (0...10).map { GridPoint(x: $0 * 10, y: $0 % 2) }
        #expect(MapGeometry.simplify(wiggle, tolerance: 2) == [GridPoint(x: 0, y: 0), GridPoint(x: 100, y: 0)])
        #expect(MapGeometry.simplify(wiggle, tolerance: 0.5).count == 11)
        // Edges meeting end to end become one line, whichever way they run; a branch stays apart.
        let a = [GridPoint(x: 0, y: 0), GridPoint(x: 10, y: 0)]
        let b = [GridPoint(x: 20, y: 5), GridPoint(x: 10, y: 0)]
        let branch = [GridPoint(x: 10, y: 0), GridPoint(x: 10, y: 30)]
        let chained = MapGeometry.chain([a, b, branch], tolerance: 0.5)
        #expect(chained.count == 2)
        #expect(chained.map(\.count).sorted() == [2, 3])
        #expect(Set(chained.flatMap { $0 }) == Set(a + b + branch))
        let projection = try #require(MapProjection(positions: [ReportPosition(121.5, 31.2), ReportPosition(121.6, 31.3)],
                                                    width: 10_000))
        #expect(projection.project(ReportPosition(121.5, 31.3)) == GridPoint(x: 200, y: 200))
        #expect(max(projection.width, projection.height) == 10_000)
        #expect(projection.height > projection.width)   // a degree of longitude is shorter than one of latitude
        #expect(MapProjection(positions: [ReportPosition](), width: 10_000) == nil)
    }

    /// Writes the sample reports for a look in a browser (Scripts/screenshot-report.sh).
    @Test func previewFiles() throws {
        guard let dir = ProcessInfo.processInfo.environment["CIRCLE_REPORT_PREVIEW_DIR"] else { return }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for lang in ReportLanguage.allCases {
            try HTMLReport.data(SampleReport.model(lang)).write(to: URL(fileURLWithPath: dir + "/report-\(lang.rawValue).html"))
        }
        var large = SampleReport.large()
        large.lang = .en
        try HTMLReport.data(large).write(to: URL(fileURLWithPath: dir + "/report-large.html"))
    }
}
