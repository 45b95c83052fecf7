import Foundation

/// Renders a ``ReportModel`` as `report.html`: one self-contained file (CSS, SVG and a little
/// script inline; no URL, font or file fetched), readable offline and printable on A4.
///
/// The output depends on the model and the options only: equal inputs give byte-equal files.
public enum HTMLReport {
    /// Rendering choices; the defaults suit a district-sized map.
    public struct Options: Sendable, Equatable {
        /// Width of the map's coordinate system in SVG units (coordinates are written as integers).
        public var mapUnits: Int
        /// Douglas–Peucker tolerance, in map units, for network lines and outlines.
        public var lineTolerance: Double
        /// The same for gap polygons.
        public var gapTolerance: Double
        /// Radius of an origin dot in map units; nil picks one from the number of origins.
        public var originRadius: Int?

        public init(mapUnits: Int = 10_000, lineTolerance: Double = 3, gapTolerance: Double = 3,
                    originRadius: Int? = nil) {
            self.mapUnits = mapUnits
            self.lineTolerance = lineTolerance
            self.gapTolerance = gapTolerance
            self.originRadius = originRadius
        }
    }

    /// The report as HTML text.
    ///   - layers: keeps the drawn road network between runs (see ``MapLayerCache``).
    public static func render(_ model: ReportModel, options: Options = Options(), layers: (any MapLayerCache)? = nil) -> String {
        let c = ReportContext(model: model, options: options, layers: layers)
        let l = c.labels
        var h = ""
        h.reserveCapacity(1 << 16)
        h += "<!DOCTYPE html>\n<html lang=\"\(l.htmlLang)\" class=\"nojs\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<meta name=\"generator\" content=\"ServiceCircle \(escape(model.toolVersion))\">\n"
        h += "<title>\(escape(model.title))</title>\n<style>\n\(ReportAssets.css)</style>\n</head>\n<body>\n"
        h += "<div class=\"wrap\">\n<header class=\"top\">\n<h1>\(escape(model.title))</h1>\n"
        h += "<p class=\"meta\">\(l.inputsDate) \(escape(model.inputsDate)) · ServiceCircle \(escape(model.toolVersion))</p>\n"
        h += tableOfContents(c)
        h += "</header>\n<main>\n"
        h += changeSection(c)
        h += overviewSection(c)
        h += itemsSection(c)
        h += subdistrictsSection(c)
        h += mapSection(c)
        h += worstOriginsSection(c)
        h += catchmentsSection(c)
        h += sourcesSection(c)
        h += "</main>\n<footer>ServiceCircle \(escape(model.toolVersion)) · \(escape(model.inputsDate))</footer>\n</div>\n"
        h += "<script>\n\(ReportAssets.script)</script>\n</body>\n</html>\n"
        return h
    }

    /// The report as UTF-8 bytes.
    public static func data(_ model: ReportModel, options: Options = Options(), layers: (any MapLayerCache)? = nil) -> Data {
        Data(render(model, options: options, layers: layers).utf8)
    }

    static func tableOfContents(_ c: ReportContext) -> String {
        let l = c.labels
        let entries = (c.model.change == nil ? [] : [("changes", l.changeTitle)])
            + [("overview", l.headlineTitle), ("items", l.itemsTitle), ("subdistricts", l.subdistrictsTitle),
               ("map", l.mapTitle), ("worst", l.worstTitle)]
            + (c.model.catchments?.isEmpty ?? true ? [] : [("catchments", c.isZh ? "设施服务范围" : "Facilities' catchments")])
            + [("sources", l.sourcesTitle)]
        var h = "<nav class=\"toc\" aria-label=\"\(l.contents)\">"
        for (i, e) in entries.enumerated() {
            h += (i > 0 ? " · " : "") + "<a href=\"#\(e.0)\">\(escape(e.1))</a>"
        }
        return h + "</nav>\n"
    }

    static func overviewSection(_ c: ReportContext) -> String {
        let l = c.labels
        let f = c.model.headline
        var h = "<section id=\"overview\">\n<h2>\(l.headlineTitle)</h2>\n"
        let sentence = l.headlineSentence(ReportFormat.grouped(f.origins), ReportFormat.minutes(f.reachMinutes),
                                          f.basicItemCount, ReportFormat.percent(f.allBasicShare))
        h += "<p class=\"lead\">\(escape(sentence))</p>\n"
        // How many basic items had any facility in the inputs: the others are "no data", not gaps.
        let basic = c.model.items.filter(\.isBasic)
        if basic.contains(where: { $0.facilityCount != nil }) {
            let withData = basic.filter { !c.noData($0) }.count
            h += "<p class=\"datanote\(withData < basic.count ? " warn" : "")\" id=\"data-coverage\">"
            h += escape(l.itemsWithData(withData, basic.count)) + "</p>\n"
        }
        h += "<div class=\"cards\">\n"
        let change = c.model.change
        func card(_ label: String, _ value: String, _ hint: String?, colour: Double? = nil, _ cls: String,
                  delta: (text: String, better: Bool?)? = nil) {
            h += "<div class=\"card \(cls)\"><div class=\"label\">\(escape(label))</div><div class=\"value\">"
            if let colour { h += "<svg class=\"dot\" viewBox=\"0 0 10 10\" aria-hidden=\"true\"><circle cx=\"5\" cy=\"5\" r=\"5\" fill=\"\(ScoreColor.hex(colour))\"/></svg>" }
            h += "\(escape(value))</div>"
            if let delta {
                let tone = delta.better.map { $0 ? "better" : "worse" } ?? "same"
                h += "<div class=\"delta \(tone)\">\(escape(delta.text))</div>"
            }
            if let hint { h += "<div class=\"hint\">\(escape(hint))</div>" }
            h += "</div>\n"
        }
        /// The change of a share since the previous run, in percentage points.
        func shareDelta(_ before: Double?, _ now: Double?) -> (text: String, better: Bool?)? {
            guard let before, let now, let p = change?.previousRun else { return nil }
            let d = ((now - before) * 1000).rounded() / 10
            return (l.deltaPoints(ReportFormat.signed(d, decimals: 1), p), d == 0 ? nil : d > 0)
        }
        card(l.cardOrigins, ReportFormat.grouped(f.origins),
             c.hasPopulation ? l.cardOriginsHint(f.originsWithoutPopulation) : l.noPopulation, "c-origins")
        // Population figures only when some origin has a population (never 1 per origin).
        if c.hasPopulation {
            card(l.cardPopulation, ReportFormat.populationCard(f.population, lang: c.model.lang, empty: l.empty),
                 f.originsWithoutPopulation > 0 ? l.populationPartial(f.originsWithoutPopulation) : nil, "c-population")
        }
        card(l.cardMeanScore, ReportFormat.percent(f.meanBasicScore), nil, colour: f.meanBasicScore, "c-score",
             delta: shareDelta(change?.meanBasicScore, f.meanBasicScore))
        card(l.cardAllBasic, ReportFormat.percent(f.allBasicShare), nil, colour: f.allBasicShare, "c-allbasic",
             delta: shareDelta(change?.allBasicShare, f.allBasicShare))
        if c.hasPopulation {
            card(l.cardAllBasicPopulation, ReportFormat.percent(f.allBasicPopulationShare, empty: l.empty),
                 nil, colour: f.allBasicPopulationShare, "c-allbasicpop")
        }
        card(l.cardMissing, ReportFormat.grouped(f.missingCount), l.cardMissingHint(f.basicItemCount), "c-missing",
             delta: change.map { ch in
                 let d = f.missingCount - ch.missingCount
                 return (l.deltaCount(ReportFormat.signed(Double(d), decimals: 0), ch.previousRun), d == 0 ? nil : d < 0)
             })
        h += "</div>\n"
        h += domainChart(c)
        h += "</section>\n"
        return h
    }
}

/// The model with its lookups and the labels of its language.
struct ReportContext {
    let model: ReportModel
    let options: HTMLReport.Options
    let labels: ReportLabels
    let itemsById: [String: ReportItem]
    let domainsById: [String: ReportDomain]
    let layers: (any MapLayerCache)?

    init(model: ReportModel, options: HTMLReport.Options, layers: (any MapLayerCache)? = nil) {
        self.model = model
        self.options = options
        self.layers = layers
        labels = ReportLabels.of(model.lang)
        var items: [String: ReportItem] = [:]
        for item in model.items where items[item.id] == nil { items[item.id] = item }
        itemsById = items
        var domains: [String: ReportDomain] = [:]
        for domain in model.domains where domains[domain.id] == nil { domains[domain.id] = domain }
        domainsById = domains
    }

    var isZh: Bool { model.lang == .zh }

    /// Whether any origin has a population: otherwise every population figure is hidden.
    var hasPopulation: Bool { model.headline.population != nil }

    /// An item with no facility in the inputs: its coverage is "no data", not 0 %.
    func noData(_ item: ReportItem) -> Bool { item.facilityCount == 0 }

    func name(_ item: ReportItem) -> String { isZh ? item.nameZh : item.nameEn }
    func name(_ domain: ReportDomain) -> String { isZh ? domain.nameZh : domain.nameEn }

    /// An item's name in the report's language, or its id when the catalog does not know it.
    func itemName(_ id: String) -> String { itemsById[id].map(name) ?? id }

    /// Item names joined in the report's language.
    func itemNames(_ ids: [String]) -> String { ids.map(itemName).joined(separator: labels.listSeparator) }

    func areaClassName(_ id: String) -> String { labels.areaClassNames[id] ?? id }
    func modeName(_ id: String) -> String { labels.modeNames[id] ?? id }

    /// Items grouped by domain: the model's domains in order, then items of unknown domains
    /// (grouped by domain id, in order of first appearance).
    var itemsByDomain: [(domainId: String, title: String, items: [ReportItem])] {
        var order: [String] = []
        var seen = Set<String>()
        for id in model.domains.map(\.id) + model.items.map(\.domainId) where !seen.contains(id) {
            seen.insert(id)
            order.append(id)
        }
        return order.compactMap { id in
            let items = model.items.filter { $0.domainId == id }
            guard !items.isEmpty else { return nil }
            return (id, domainsById[id].map(name) ?? id, items)
        }
    }
}
