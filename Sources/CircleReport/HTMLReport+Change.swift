import Foundation

// The first section when the run history knows an earlier run: 缺项 and the headline scores then
// and now, every item whose coverage moved and every subdistrict whose 缺项 or score moved.

extension HTMLReport {
    static func changeSection(_ c: ReportContext) -> String {
        guard let ch = c.model.change else { return "" }
        let l = c.labels
        let f = c.model.headline
        var h = "<section id=\"changes\">\n<h2>\(escape(l.changeTitle))</h2>\n"
        h += "<p class=\"caption\">\(escape(l.changeSince(ch.previousRun, ch.previousDate)))</p>\n"
        let d = f.missingCount - ch.missingCount
        let tone = d == 0 ? "same" : d < 0 ? "better" : "worse"
        h += "<p class=\"lead change \(tone)\" id=\"change-missing\"><b>\(escape(l.cardMissing))</b> "
        h += "\(ReportFormat.grouped(ch.missingCount)) → <b>\(ReportFormat.grouped(f.missingCount))</b>"
        h += " <span class=\"delta \(tone)\">(\(ReportFormat.signed(Double(d), decimals: 0)))</span></p>\n"
        guard !ch.items.isEmpty || !ch.subdistricts.isEmpty else {
            return h + "<p>\(escape(l.changeNone))</p>\n</section>\n"
        }
        func pct(_ v: Double?) -> String { ReportFormat.percent(v, empty: l.empty) }
        func points(_ a: Double?, _ b: Double?) -> (String, String, Double?) {
            guard let a, let b else { return (l.empty, "same", nil) }
            let p = ((b - a) * 1000).rounded() / 10
            return (ReportFormat.signed(p, decimals: 1), p == 0 ? "same" : p > 0 ? "better" : "worse", p)
        }
        if !ch.items.isEmpty {
            // Largest moves first; drops before rises of the same size.
            let items = ch.items.enumerated().sorted { x, y in
                let a = abs((x.element.after ?? 0) - (x.element.before ?? 0)), b = abs((y.element.after ?? 0) - (y.element.before ?? 0))
                return a != b ? a > b : x.offset < y.offset
            }.map(\.element)
            h += "<h3>\(escape(l.changeItems))</h3>\n<div class=\"tablebox\"><table class=\"data\" id=\"change-items\">\n<thead><tr>"
            h += header(l.colItem, type: nil) + header(l.changeBefore, type: nil, cls: "num") + header(l.changeNow, type: nil, cls: "num")
            h += header(l.changeDeltaPoints, type: nil, cls: "num") + "</tr></thead>\n<tbody>\n"
            for i in items {
                let (text, tone, _) = points(i.before, i.after)
                h += "<tr><td>\(escape(c.itemName(i.id)))</td><td class=\"num\">\(pct(i.before))</td>"
                h += "<td class=\"num\">\(pct(i.after))</td><td class=\"num delta \(tone)\">\(text)</td></tr>\n"
            }
            h += "</tbody>\n</table></div>\n"
        }
        if !ch.subdistricts.isEmpty {
            // Most 缺项 opened first.
            let groups = ch.subdistricts.enumerated().sorted { x, y in
                let a = x.element.missingAfter - x.element.missingBefore, b = y.element.missingAfter - y.element.missingBefore
                return a != b ? a > b : x.element.name != y.element.name ? x.element.name < y.element.name : x.offset < y.offset
            }.map(\.element)
            h += "<h3>\(escape(l.changeSubdistricts))</h3>\n<div class=\"tablebox\"><table class=\"data\" id=\"change-subdistricts\">\n<thead><tr>"
            h += header(l.colSubdistrict, type: nil) + header(l.changeMissingBefore, type: nil, cls: "num")
            h += header(l.changeMissingNow, type: nil, cls: "num") + header(l.changeScoreBefore, type: nil, cls: "num")
            h += header(l.changeScoreNow, type: nil, cls: "num") + "</tr></thead>\n<tbody>\n"
            for g in groups {
                let dm = g.missingAfter - g.missingBefore
                let tone = dm == 0 ? "same" : dm < 0 ? "better" : "worse"
                h += "<tr><td>\(escape(g.name))</td><td class=\"num\">\(ReportFormat.grouped(g.missingBefore))</td>"
                h += "<td class=\"num delta \(tone)\">\(ReportFormat.grouped(g.missingAfter)) (\(ReportFormat.signed(Double(dm), decimals: 0)))</td>"
                h += "<td class=\"num\">\(pct(g.scoreBefore))</td><td class=\"num\">\(pct(g.scoreAfter))</td></tr>\n"
            }
            h += "</tbody>\n</table></div>\n"
        }
        return h + "</section>\n"
    }
}
