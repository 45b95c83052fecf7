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
            // Items without data are left out of a domain's mean (they are not 0 % covered).
            let measured = g.items.filter { !c.noData($0) }
            let byOrigins = domain?.originShare ?? mean(measured.compactMap(\.originShare))
            let byPopulation = domain?.populationShare ?? mean(measured.compactMap(\.populationShare))
            var label = escape(g.title)
            if let kind = domain?.kind, let kindName = l.kindNames[kind] {
                label += " <span class=\"tag tag-\(escape(kind))\">\(escape(kindName))</span>"
            }
            h += barRow(label: label, title: g.title, byOrigins: byOrigins, byPopulation: byPopulation, c)
        }
        h += "</tbody>\n</table></div>\n"
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
            h += "<tr class=\"grp\"><th colspan=\"\(c.hasPopulation ? 4 : 3)\">\(escape(g.title))</th></tr>\n"
            for item in g.items {
                let name = c.name(item)
                var label = item.isBasic ? "<span class=\"star\" title=\"\(escape(l.basicTag))\">★</span> " : ""
                label += "<span class=\"iname\">\(escape(name))</span>"
                if reaches.count > 1 { label += " <span class=\"sub\">\(ReportFormat.minutes(item.reachMinutes)) min</span>" }
                if let n = item.facilityCount, n > 0 {
                    label += " <span class=\"sub\">\(escape(l.facilities(n)))</span>"
                }
                if c.noData(item) {
                    h += noDataRow(label: label, id: item.id, c)
                    continue
                }
                h += barRow(label: label, title: name, byOrigins: item.originShare, byPopulation: item.populationShare, c,
                            id: item.id)
            }
        }
        h += "</tbody>\n</table></div>\n</section>\n"
        return h
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    static func swatch(_ cls: String) -> String {
        "<svg class=\"sw\" viewBox=\"0 0 12 12\" aria-hidden=\"true\"><rect class=\"\(cls)\" width=\"12\" height=\"12\"/></svg>"
    }

    static func barLegend(_ c: ReportContext) -> String {
        guard c.hasPopulation else { return "<p class=\"legend\">\(swatch("b1")) \(c.labels.byOrigins) &#160; \(escape(c.labels.noPopulationBars))</p>\n" }
        return "<p class=\"legend\">\(swatch("b1")) \(c.labels.byOrigins) &#160; \(swatch("b2")) \(c.labels.byPopulation)</p>\n"
    }

    static func barTableHead(_ c: ReportContext, id: String) -> String {
        var h = "<div class=\"tablebox\"><table class=\"bars\(c.hasPopulation ? "" : " nopop")\" id=\"\(id)\">\n<colgroup><col class=\"c-lbl\"><col class=\"c-bar\"><col class=\"c-num\">"
        h += c.hasPopulation ? "<col class=\"c-num\"></colgroup>\n" : "</colgroup>\n"
        h += "<thead><tr><th></th><th class=\"axis\"><div class=\"ticks\">"
        for t in [0, 25, 50, 75, 100] { h += "<span class=\"t\(t)\">\(t)%</span>" }
        h += "</div></th><th class=\"num\">\(c.labels.byOrigins)</th>"
        if c.hasPopulation { h += "<th class=\"num\">\(c.labels.byPopulation)</th>" }
        h += "</tr></thead>\n<tbody>\n"
        return h
    }

    /// A row for an item with no facility in the inputs: "no data" instead of bars and 0 %.
    static func noDataRow(label: String, id: String, _ c: ReportContext) -> String {
        let l = c.labels
        var h = "<tr data-item=\"\(escape(id))\" class=\"nodata\"><td class=\"lbl\">\(label)</td>"
        h += "<td class=\"bar nodata\"><span>\(escape(l.noDataLong))</span></td><td class=\"num\">\(escape(l.noData))</td>"
        if c.hasPopulation { h += "<td class=\"num\">\(escape(l.noData))</td>" }
        return h + "</tr>\n"
    }

    /// One chart row; `label` is HTML already escaped, `title` plain text.
    static func barRow(label: String, title: String, byOrigins: Double?, byPopulation: Double?, _ c: ReportContext,
                       id: String? = nil) -> String {
        let l = c.labels
        let a = ReportFormat.percent(byOrigins, empty: l.empty)
        let b = ReportFormat.percent(byPopulation, empty: l.empty)
        var h = id.map { "<tr data-item=\"\(escape($0))\">" } ?? "<tr>"
        h += "<td class=\"lbl\">\(label)</td><td class=\"bar\">"
        h += "<svg viewBox=\"0 0 1000 24\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(escape(title)): \(a)\(c.hasPopulation ? " / " + b : "")\">"
        h += "<title>\(escape(title)): \(escape(l.byOrigins)) \(a)" + (c.hasPopulation ? ", \(escape(l.byPopulation)) \(b)" : "") + "</title>"
        h += "<path class=\"grid\" d=\"M0 0v24M250 0v24M500 0v24M750 0v24M1000 0v24\"/>"
        if let byOrigins, byOrigins.isFinite {
            h += "<rect class=\"b1\" x=\"0\" y=\"3\" width=\"\(barWidth(byOrigins))\" height=\"8\"/>"
        }
        if c.hasPopulation, let byPopulation, byPopulation.isFinite {
            h += "<rect class=\"b2\" x=\"0\" y=\"13\" width=\"\(barWidth(byPopulation))\" height=\"8\"/>"
        }
        h += "</svg></td><td class=\"num\">\(a)</td>" + (c.hasPopulation ? "<td class=\"num\">\(b)</td>" : "") + "</tr>\n"
        return h
    }

    static func barWidth(_ share: Double) -> String {
        Format.fixed(min(max(share, 0), 1) * 1000, decimals: 1)
    }
}
