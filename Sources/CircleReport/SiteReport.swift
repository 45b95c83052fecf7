import Foundation

// The siting section of `circle site`'s report.html: per item, the chosen sites on a map over the
// item's gap layer (the origins lacking it, those the plan closes and those it leaves), and the
// coverage curve by number of sites. Plain values in, one self-contained HTML file out.

/// What the siting report shows.
public struct SiteReportModel: Sendable {
    public var title: String
    public var toolVersion: String
    public var lang: ReportLanguage
    /// One plan per item, in catalog order.
    public var items: [SiteReportItem]

    public init(title: String, toolVersion: String, lang: ReportLanguage, items: [SiteReportItem]) {
        self.title = title
        self.toolVersion = toolVersion
        self.lang = lang
        self.items = items
    }
}

/// One item's plan.
public struct SiteReportItem: Sendable {
    /// How an origin stands on the item's map.
    public enum Status: String, Sendable {
        /// Reaches a facility of the item today.
        case covered
        /// Lacks it today; a chosen site covers it.
        case closed
        /// Lacks it today and after the plan.
        case lacking
    }

    public var id: String
    public var name: String
    /// The goal, method and solver's note, printed as given.
    public var summary: String
    /// Origins the item applies to, with their status.
    public var origins: [(position: ReportPosition, status: Status)]
    /// The existing facilities' entrances.
    public var facilities: [ReportPosition]
    /// The chosen sites in rank order.
    public var sites: [(id: String, position: ReportPosition, newlyCovered: Int)]
    /// Covered share (0…1) before any site, then after each site in rank order.
    public var curve: [Double]

    public init(id: String, name: String, summary: String, origins: [(position: ReportPosition, status: Status)],
                facilities: [ReportPosition], sites: [(id: String, position: ReportPosition, newlyCovered: Int)], curve: [Double]) {
        self.id = id
        self.name = name
        self.summary = summary
        self.origins = origins
        self.facilities = facilities
        self.sites = sites
        self.curve = curve
    }
}

/// Renders a ``SiteReportModel`` as `report.html` (inline CSS and SVG, nothing fetched).
public enum SiteReport {
    static let css = """
        body{font:15px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;color:#1d2430;background:#fafafa}
        .wrap{max-width:1100px;margin:0 auto;padding:16px 24px}
        h1{font-size:24px;margin:8px 0}h2{font-size:20px;margin:28px 0 6px;border-bottom:1px solid #dde}
        .meta,.caption{color:#556;font-size:13px}
        .pair{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
        .sitemap{flex:1 1 560px;max-width:640px;background:#fff;border:1px solid #dde}
        .curve{flex:1 1 320px;max-width:420px;background:#fff;border:1px solid #dde}
        svg text{font-family:inherit}
        .o-covered{fill:#2e9d5b}.o-closed{fill:#f0a020}.o-lacking{fill:#d7301f}.fac{fill:#555}
        .site circle{fill:#1f5fbf;stroke:#fff;stroke-width:3}.site text{fill:#fff;font-size:22px;font-weight:600}
        .legend span{margin-right:14px;font-size:13px}.sw{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px}
        table{border-collapse:collapse;font-size:13px;margin-top:8px}td,th{padding:2px 8px;border-bottom:1px solid #eee;text-align:right}
        td:nth-child(2),th:nth-child(2){text-align:left}
        @media print{.pair{display:block}}

        """

    struct Labels {
        let sites, covered, closed, lacking, facilities, curveTitle, axisSites, axisShare, rank, site, newly, share, noSites: String
        let section: String
        static func of(_ lang: ReportLanguage) -> Labels {
            lang == .zh
                ? Labels(sites: "选址", covered: "已覆盖", closed: "选址后覆盖（缺项消除）", lacking: "仍缺", facilities: "现有设施",
                         curveTitle: "覆盖率随选址数量的变化", axisSites: "新增设施数", axisShare: "覆盖率", rank: "序号",
                         site: "选址", newly: "新增覆盖居委", share: "覆盖率", noSites: "无需或无法新增设施。",
                         section: "设施选址")
                : Labels(sites: "Sites", covered: "covered today", closed: "covered by the plan (缺项 closed)", lacking: "still lacking",
                         facilities: "existing facilities", curveTitle: "Coverage by number of sites", axisSites: "sites added",
                         axisShare: "covered share", rank: "Rank", site: "Site", newly: "Newly covered origins",
                         share: "Covered share after", noSites: "No site is needed or possible.", section: "Facility siting")
        }
    }

    /// The report as HTML text; equal models give equal bytes.
    public static func render(_ model: SiteReportModel) -> String {
        let l = Labels.of(model.lang)
        var h = "<!DOCTYPE html>\n<html lang=\"\(model.lang == .zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<meta name=\"generator\" content=\"ServiceCircle \(HTMLReport.escape(model.toolVersion))\">\n"
        h += "<title>\(HTMLReport.escape(model.title))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n<div class=\"wrap\">\n"
        h += "<h1>\(HTMLReport.escape(model.title))</h1>\n<p class=\"meta\">ServiceCircle \(HTMLReport.escape(model.toolVersion))</p>\n"
        h += "<section id=\"siting\">\n"
        for item in model.items { h += itemSection(item, l) }
        h += "</section>\n</div>\n</body>\n</html>\n"
        return h
    }

    public static func data(_ model: SiteReportModel) -> Data { Data(render(model).utf8) }

    static func itemSection(_ item: SiteReportItem, _ l: Labels) -> String {
        let id = HTMLReport.escape(item.id)
        var h = "<div class=\"site-item\" id=\"site-\(id)\">\n<h2>\(l.section): \(HTMLReport.escape(item.name))</h2>\n"
        h += "<p class=\"caption\">\(HTMLReport.escape(item.summary))</p>\n"
        h += "<p class=\"legend\"><span><i class=\"sw o-covered\" style=\"background:#2e9d5b\"></i>\(l.covered)</span>"
        h += "<span><i class=\"sw\" style=\"background:#f0a020\"></i>\(l.closed)</span>"
        h += "<span><i class=\"sw\" style=\"background:#d7301f\"></i>\(l.lacking)</span>"
        h += "<span><i class=\"sw\" style=\"background:#555;border-radius:0\"></i>\(l.facilities)</span>"
        h += "<span><i class=\"sw\" style=\"background:#1f5fbf\"></i>\(l.sites)</span></p>\n"
        h += "<div class=\"pair\">\n" + map(item, l) + curve(item, l) + "</div>\n"
        if item.sites.isEmpty {
            h += "<p>\(l.noSites)</p>\n"
        } else {
            h += "<table class=\"site-table\"><thead><tr><th>\(l.rank)</th><th>\(l.site)</th><th>\(l.newly)</th><th>\(l.share)</th></tr></thead><tbody>\n"
            for (r, s) in item.sites.enumerated() {
                let share = r + 1 < item.curve.count ? ReportFormat.percent(item.curve[r + 1]) : ""
                h += "<tr><td>\(r + 1)</td><td>\(HTMLReport.escape(s.id))</td><td>\(s.newlyCovered)</td><td>\(share)</td></tr>\n"
            }
            h += "</tbody></table>\n"
        }
        return h + "</div>\n"
    }

    /// The map: origins coloured by status, facilities as squares, sites as numbered discs.
    static func map(_ item: SiteReportItem, _ l: Labels) -> String {
        let all = item.origins.map(\.position) + item.facilities + item.sites.map(\.position)
        guard let proj = MapProjection(positions: all, width: 1000) else { return "" }
        var h = "<svg class=\"sitemap\" id=\"sitemap-\(HTMLReport.escape(item.id))\" viewBox=\"0 0 \(proj.width) \(proj.height)\" "
        h += "role=\"img\" aria-label=\"\(HTMLReport.escape(item.name))\">\n"
        for status in [SiteReportItem.Status.covered, .lacking, .closed] {
            h += "<g class=\"o-\(status.rawValue)\">"
            for o in item.origins where o.status == status {
                let g = proj.project(o.position)
                h += "<circle cx=\"\(g.x)\" cy=\"\(g.y)\" r=\"6\"/>"
            }
            h += "</g>\n"
        }
        h += "<g class=\"fac\">"
        for f in item.facilities {
            let g = proj.project(f)
            h += "<rect x=\"\(g.x - 4)\" y=\"\(g.y - 4)\" width=\"8\" height=\"8\"/>"
        }
        h += "</g>\n"
        // Highest rank last, so site 1 is drawn on top.
        for (r, s) in item.sites.enumerated().reversed() {
            let g = proj.project(s.position)
            h += "<g class=\"site\" data-rank=\"\(r + 1)\" data-id=\"\(HTMLReport.escape(s.id))\"><title>\(r + 1). \(HTMLReport.escape(s.id))</title>"
            h += "<circle cx=\"\(g.x)\" cy=\"\(g.y)\" r=\"16\"/><text x=\"\(g.x)\" y=\"\(g.y + 8)\" text-anchor=\"middle\">\(r + 1)</text></g>\n"
        }
        return h + "</svg>\n"
    }

    /// The coverage curve: covered share (0–100 %) against the number of sites (0…K).
    static func curve(_ item: SiteReportItem, _ l: Labels) -> String {
        let w = 400, hgt = 260, left = 48, right = 12, top = 28, bottom = 40
        let pw = w - left - right, ph = hgt - top - bottom
        let k = max(1, item.curve.count - 1)
        func x(_ i: Int) -> Int { left + pw * i / k }
        func y(_ s: Double) -> Int { top + Int((Double(ph) * (1 - min(max(s, 0), 1))).rounded()) }
        var h = "<svg class=\"curve\" id=\"curve-\(HTMLReport.escape(item.id))\" viewBox=\"0 0 \(w) \(hgt)\" role=\"img\" "
        h += "aria-label=\"\(HTMLReport.escape(l.curveTitle))\">\n"
        h += "<text x=\"\(left)\" y=\"16\" font-size=\"13\">\(HTMLReport.escape(l.curveTitle))</text>\n"
        for t in [0, 25, 50, 75, 100] {
            let yy = y(Double(t) / 100)
            h += "<line x1=\"\(left)\" y1=\"\(yy)\" x2=\"\(w - right)\" y2=\"\(yy)\" stroke=\"#e3e3ea\"/>"
            h += "<text x=\"\(left - 6)\" y=\"\(yy + 4)\" font-size=\"11\" text-anchor=\"end\">\(t)%</text>\n"
        }
        let step = max(1, k / 10)
        for i in stride(from: 0, through: k, by: step) {
            h += "<text x=\"\(x(i))\" y=\"\(hgt - bottom + 16)\" font-size=\"11\" text-anchor=\"middle\">\(i)</text>"
        }
        h += "\n<text x=\"\(left + pw / 2)\" y=\"\(hgt - 6)\" font-size=\"12\" text-anchor=\"middle\">\(HTMLReport.escape(l.axisSites))</text>\n"
        if !item.curve.isEmpty {
            let points = item.curve.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
            h += "<polyline class=\"curve-line\" fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"2.5\" points=\"\(points)\"/>\n"
            for (i, s) in item.curve.enumerated() {
                h += "<circle class=\"curve-point\" data-sites=\"\(i)\" data-share=\"\(Format.fixed(s, decimals: 4))\" cx=\"\(x(i))\" cy=\"\(y(s))\" r=\"3.5\" fill=\"#1f5fbf\"/>"
            }
            h += "\n"
        }
        return h + "</svg>\n"
    }
}
