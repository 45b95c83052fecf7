import Foundation

// The tables: subdistricts (worst first, sortable), area classes, the origins missing the most
// items, parameters, inputs and notes. Sortable tables carry each cell's sort key in `data-v`;
// the static order is the default one, so print and no-script readers see it too.

extension HTMLReport {
    /// Subdistricts worst first: ascending mean basic score, then ascending share covering all
    /// basic items, then more 缺项 first, then name.
    static func worstFirst(_ groups: [ReportGroup]) -> [ReportGroup] {
        groups.enumerated().sorted { x, y in
            let a = x.element, b = y.element
            if a.meanBasicScore != b.meanBasicScore { return a.meanBasicScore < b.meanBasicScore }
            if a.allBasicShare != b.allBasicShare { return a.allBasicShare < b.allBasicShare }
            if a.missingCount != b.missingCount { return a.missingCount > b.missingCount }
            if a.name != b.name { return a.name < b.name }
            return x.offset < y.offset
        }.map(\.element)
    }

    /// Origins missing the most first, then lower basic score, then id.
    static func mostMissingFirst(_ origins: [ReportOrigin]) -> [ReportOrigin] {
        origins.enumerated().sorted { x, y in
            let a = x.element, b = y.element
            if a.missing.count != b.missing.count { return a.missing.count > b.missing.count }
            if a.basicScore != b.basicScore { return a.basicScore < b.basicScore }
            if a.id != b.id { return a.id < b.id }
            return x.offset < y.offset
        }.map(\.element)
    }

    static func scoreCell(_ score: Double?, _ c: ReportContext) -> String {
        guard let score, score.isFinite else { return "<td class=\"num\" data-v=\"\">\(c.labels.empty)</td>" }
        return "<td class=\"num\" data-v=\"\(ReportFormat.key(score))\"><svg class=\"dot\" viewBox=\"0 0 10 10\" aria-hidden=\"true\"><circle cx=\"5\" cy=\"5\" r=\"5\" fill=\"\(ScoreColor.hex(score))\"/></svg>\(ReportFormat.percent(score))</td>"
    }

    static func numCell(_ text: String, _ key: Double?) -> String {
        "<td class=\"num\" data-v=\"\(ReportFormat.key(key))\">\(escape(text))</td>"
    }

    static func header(_ label: String, type: String?, sorted: Bool = false, cls: String? = nil) -> String {
        var h = "<th"
        if let cls { h += " class=\"\(cls)\"" }
        if let type { h += " data-type=\"\(type)\"" }
        if sorted { h += " aria-sort=\"ascending\"" }
        return h + ">\(escape(label))</th>"
    }

    static func groupRows(_ groups: [ReportGroup], _ c: ReportContext, withAreaClass: Bool, translateName: Bool,
                          withPopulationShare: Bool) -> String {
        var h = ""
        for g in groups {
            let name = translateName ? c.areaClassName(g.name) : g.name
            h += "<tr><td data-v=\"\(escape(name))\">\(escape(name))</td>"
            if withAreaClass {
                let cls = g.areaClass.isEmpty ? c.labels.empty : c.areaClassName(g.areaClass)
                h += "<td data-v=\"\(escape(cls))\">\(escape(cls))</td>"
            }
            h += numCell(ReportFormat.grouped(g.origins), Double(g.origins))
            if c.hasPopulation { h += numCell(ReportFormat.population(g.population, empty: c.labels.empty), g.population) }
            h += scoreCell(g.meanBasicScore, c)
            h += numCell(ReportFormat.percent(g.allBasicShare, empty: c.labels.empty), g.allBasicShare)
            if withPopulationShare {
                h += numCell(ReportFormat.percent(g.allBasicPopulationShare, empty: c.labels.empty), g.allBasicPopulationShare)
            }
            h += numCell(ReportFormat.grouped(g.missingCount), Double(g.missingCount))
            h += "<td class=\"items\">\(escape(c.itemNames(Array(g.worstItems.prefix(3)))))</td></tr>\n"
        }
        return h
    }

    static func subdistrictsSection(_ c: ReportContext) -> String {
        let l = c.labels
        var h = "<section id=\"subdistricts\">\n<h2>\(l.subdistrictsTitle)</h2>\n"
        if !c.model.areaClasses.isEmpty {
            let pop = c.hasPopulation && c.model.areaClasses.contains { $0.allBasicPopulationShare != nil }
            h += "<h3>\(l.areaClassesTitle)</h3>\n<div class=\"tablebox\"><table class=\"data\" id=\"area-classes\">\n<thead><tr>"
            h += header(l.colAreaClass, type: nil) + header(l.colOrigins, type: nil, cls: "num")
            if c.hasPopulation { h += header(l.colPopulation, type: nil, cls: "num") }
            h += header(l.colMeanScore, type: nil, cls: "num")
            h += header(l.colAllBasic, type: nil, cls: "num")
            if pop { h += header(l.colAllBasicPopulation, type: nil, cls: "num") }
            h += header(l.colMissing, type: nil, cls: "num") + header(l.colWorstItems, type: nil)
            h += "</tr></thead>\n<tbody>\n"
            h += groupRows(c.model.areaClasses, c, withAreaClass: false, translateName: true, withPopulationShare: pop)
            h += "</tbody>\n</table></div>\n<h3>\(l.subdistrictsTitle)</h3>\n"
        }
        h += "<p class=\"caption\">\(escape(l.subdistrictsCaption))</p>\n"
        guard !c.model.subdistricts.isEmpty else { return h + "<p>\(l.empty)</p>\n</section>\n" }
        let pop = c.hasPopulation && c.model.subdistricts.contains { $0.allBasicPopulationShare != nil }
        h += "<div class=\"tablebox\"><table class=\"data sortable\" id=\"subdistrict-table\">\n<thead><tr>"
        h += header(l.colSubdistrict, type: "text") + header(l.colAreaClass, type: "text")
        h += header(l.colOrigins, type: "num", cls: "num")
        if c.hasPopulation { h += header(l.colPopulation, type: "num", cls: "num") }
        h += header(l.colMeanScore, type: "num", sorted: true, cls: "num")
        h += header(l.colAllBasic, type: "num", cls: "num")
        if pop { h += header(l.colAllBasicPopulation, type: "num", cls: "num") }
        h += header(l.colMissing, type: "num", cls: "num") + header(l.colWorstItems, type: nil)
        h += "</tr></thead>\n<tbody>\n"
        h += groupRows(worstFirst(c.model.subdistricts), c, withAreaClass: true, translateName: false,
                       withPopulationShare: pop)
        h += "</tbody>\n</table></div>\n</section>\n"
        return h
    }

    static func worstOriginsSection(_ c: ReportContext) -> String {
        let l = c.labels
        let origins = mostMissingFirst(c.model.worstOrigins)
        var h = "<section id=\"worst\">\n<h2>\(l.worstTitle)</h2>\n"
        h += "<p class=\"caption\">\(escape(l.worstCaption(origins.count, c.model.originsWithMissing)))</p>\n"
        guard !origins.isEmpty else { return h + "<p>\(l.empty)</p>\n</section>\n" }
        h += "<div class=\"tablebox\"><table class=\"data sortable\" id=\"worst-table\">\n<thead><tr>"
        h += header(l.colName, type: "text") + header(l.colSubdistrict, type: "text") + header(l.colMode, type: "text")
        h += header(l.colBasicScore, type: "num", cls: "num") + header(l.colMissingCount, type: "num", cls: "num")
        h += header(l.colMissingItems, type: nil) + "</tr></thead>\n<tbody>\n"
        for o in origins {
            h += "<tr><td data-v=\"\(escape(o.name))\">\(escape(o.name))<span class=\"oid\">\(escape(o.id))</span></td>"
            h += "<td data-v=\"\(escape(o.subdistrict))\">\(escape(o.subdistrict))</td>"
            let mode = c.modeName(o.mode)
            h += "<td data-v=\"\(escape(mode))\">\(escape(mode))</td>"
            h += scoreCell(o.basicScore, c)
            h += numCell(String(o.missing.count), Double(o.missing.count))
            h += "<td class=\"items\">\(escape(o.missing.isEmpty ? l.noneMissing : c.itemNames(o.missing)))</td></tr>\n"
        }
        h += "</tbody>\n</table></div>\n</section>\n"
        return h
    }

    static func sourcesSection(_ c: ReportContext) -> String {
        let l = c.labels
        var h = "<section id=\"sources\">\n<h2>\(l.sourcesTitle)</h2>\n"
        if !c.model.parameters.isEmpty {
            h += "<h3>\(l.parametersTitle)</h3>\n<div class=\"tablebox\"><table class=\"data kv\" id=\"parameters\">\n<thead><tr>"
            h += header(l.colParameter, type: nil) + header(l.colValue, type: nil) + "</tr></thead>\n<tbody>\n"
            for p in c.model.parameters {
                h += "<tr><td>\(escape(p.name))</td><td>\(escape(p.value))</td></tr>\n"
            }
            h += "</tbody>\n</table></div>\n"
        }
        if !c.model.inputs.isEmpty {
            h += "<h3>\(l.inputsTitle)</h3>\n<div class=\"tablebox\"><table class=\"data\" id=\"inputs\">\n<thead><tr>"
            h += header(l.colRole, type: nil) + header(l.colPath, type: nil) + header(l.colSize, type: nil, cls: "num")
            h += header(l.colSHA, type: nil) + "</tr></thead>\n<tbody>\n"
            for i in c.model.inputs {
                h += "<tr><td>\(escape(i.role))</td><td class=\"path\">\(escape(i.path))</td>"
                h += "<td class=\"num\">\(ReportFormat.bytes(i.bytes))</td>"
                h += "<td><code class=\"sha\">\(escape(i.sha256 ?? l.empty))</code></td></tr>\n"
            }
            h += "</tbody>\n</table></div>\n"
        }
        var notes = c.model.notes
        let f = c.model.headline
        if !c.hasPopulation {
            notes.insert(l.populationNone, at: 0)
        } else if f.originsWithoutPopulation > 0 {
            notes.insert(l.populationNote(f.originsWithoutPopulation, f.origins), at: 0)
        }
        let noData = c.model.items.filter(c.noData)
        if !noData.isEmpty { notes.insert(l.noDataNote(c.itemNames(noData.map(\.id))), at: 0) }
        if !notes.isEmpty {
            h += "<h3>\(l.notesTitle)</h3>\n<ul class=\"notes\">\n"
            for n in notes { h += "<li>\(escape(n))</li>\n" }
            h += "</ul>\n"
        }
        h += "</section>\n"
        return h
    }
}
