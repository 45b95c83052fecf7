import Foundation

// Coverage charts: one table row per domain or item, its label in HTML (so long names wrap) and
// its two bars (by origins, by population) in a small inline SVG that stretches with the column.

extension HTMLReport {
    static func domainChart(_ c: ReportContext) -> String {
        let l = c.labels
        let groups = c.itemsByDomain
        guard !groups.isEmpty else { return "" }
        let explicit = groups.allSatisfy { c.domainsById[$0.domainId]?.originShare != nil }
        var h = "<h3>\(l.domainsTitle)</h3>\n"
        h += "<p class=\"caption\">\(escape(explicit ? l.domainsCaptionAll : l.domainsCaptionMean))</p>\n"
        h += barLegend(c)
        h += barTableHead(c, id: "domain-chart")
        for g in groups {
            let domain = c.domainsById[g.domainId]
            let byOrigins = domain?.originShare ?? mean(g.items.compactMap(\.originShare))
            let byPopulation = domain?.populationShare ?? mean(g.items.compactMap(\.populationShare))
            var label = escape(g.title)
            if let kind = domain?.kind, let kindName = l.kindNames[kind] {
                label += " <span class=\"tag tag-\(escape(kind))\">\(escape(kindName))</span>"
            }
            h += barRow(label: label, title: g.title, byOrigins: byOrigins, byPopulation: byPopulation, c)
        }
        h += "</tbody>\n</table>\n"
        return h
    }

    static func itemsSection(_ c: ReportContext) -> String {
        let l = c.labels
        var h = "<section id=\"items\">\n<h2>\(l.itemsTitle)</h2>\n"
        let reaches = Set(c.model.items.map(\.reachMinutes))
        let reach = reaches.count == 1 ? reaches.first! : c.model.headline.reachMinutes
        h += "<p class=\"caption\">\(escape(l.itemsCaption(ReportFormat.minutes(reach))))</p>\n"
        h += barLegend(c)
        h += barTableHead(c, id: "item-chart")
        for g in c.itemsByDomain {
            h += "<tr class=\"grp\"><th colspan=\"4\">\(escape(g.title))</th></tr>\n"
            for item in g.items {
                let name = c.name(item)
                var label = item.isBasic ? "<span class=\"star\" title=\"\(escape(l.basicTag))\">★</span> " : ""
                label += "<span class=\"iname\">\(escape(name))</span>"
                if reaches.count > 1 { label += " <span class=\"sub\">\(ReportFormat.minutes(item.reachMinutes)) min</span>" }
                if let n = item.facilityCount {
                    label += " <span class=\"sub\(n == 0 ? " zero" : "")\">\(escape(l.facilities(n)))</span>"
                }
                h += barRow(label: label, title: name, byOrigins: item.originShare, byPopulation: item.populationShare, c,
                            id: item.id)
            }
        }
        h += "</tbody>\n</table>\n</section>\n"
        return h
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    static func swatch(_ cls: String) -> String {
        "<svg class=\"sw\" viewBox=\"0 0 12 12\" aria-hidden=\"true\"><rect class=\"\(cls)\" width=\"12\" height=\"12\"/></svg>"
    }

    static func barLegend(_ c: ReportContext) -> String {
        "<p class=\"legend\">\(swatch("b1")) \(c.labels.byOrigins) &#160; \(swatch("b2")) \(c.labels.byPopulation)</p>\n"
    }

    static func barTableHead(_ c: ReportContext, id: String) -> String {
        var h = "<table class=\"bars\" id=\"\(id)\">\n<colgroup><col class=\"c-lbl\"><col class=\"c-bar\"><col class=\"c-num\"><col class=\"c-num\"></colgroup>\n"
        h += "<thead><tr><th></th><th class=\"axis\"><div class=\"ticks\">"
        for t in [0, 25, 50, 75, 100] { h += "<span class=\"t\(t)\">\(t)%</span>" }
        h += "</div></th><th class=\"num\">\(c.labels.byOrigins)</th><th class=\"num\">\(c.labels.byPopulation)</th></tr></thead>\n<tbody>\n"
        return h
    }

    /// One chart row; `label` is HTML already escaped, `title` plain text.
    static func barRow(label: String, title: String, byOrigins: Double?, byPopulation: Double?, _ c: ReportContext,
                       id: String? = nil) -> String {
        let l = c.labels
        let a = ReportFormat.percent(byOrigins, empty: l.empty)
        let b = ReportFormat.percent(byPopulation, empty: l.empty)
        var h = id.map { "<tr data-item=\"\(escape($0))\">" } ?? "<tr>"
        h += "<td class=\"lbl\">\(label)</td><td class=\"bar\">"
        h += "<svg viewBox=\"0 0 1000 24\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(escape(title)): \(a) / \(b)\">"
        h += "<title>\(escape(title)): \(escape(l.byOrigins)) \(a), \(escape(l.byPopulation)) \(b)</title>"
        h += "<path class=\"grid\" d=\"M0 0v24M250 0v24M500 0v24M750 0v24M1000 0v24\"/>"
        if let byOrigins, byOrigins.isFinite {
            h += "<rect class=\"b1\" x=\"0\" y=\"3\" width=\"\(barWidth(byOrigins))\" height=\"8\"/>"
        }
        if let byPopulation, byPopulation.isFinite {
            h += "<rect class=\"b2\" x=\"0\" y=\"13\" width=\"\(barWidth(byPopulation))\" height=\"8\"/>"
        }
        h += "</svg></td><td class=\"num\">\(a)</td><td class=\"num\">\(b)</td></tr>\n"
        return h
    }

    static func barWidth(_ share: Double) -> String {
        Format.fixed(min(max(share, 0), 1) * 1000, decimals: 1)
    }
}
