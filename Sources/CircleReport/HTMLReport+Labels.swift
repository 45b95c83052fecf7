import Foundation

/// Every fixed text of the report in one language. Functions take the figures they mention.
struct ReportLabels: Sendable {
    var htmlLang: String
    var listSeparator: String
    var inputsDate: String
    var version: String
    var contents: String

    var headlineTitle: String
    var cardOrigins: String
    var cardPopulation: String
    var cardMeanScore: String
    var cardAllBasic: String
    var cardAllBasicPopulation: String
    var cardMissing: String
    var cardMissingHint: @Sendable (Int) -> String
    var cardOriginsHint: @Sendable (Int) -> String
    var headlineSentence: @Sendable (_ origins: String, _ reach: String, _ basic: Int, _ share: String) -> String
    var noPopulation: String
    var populationPartial: @Sendable (Int) -> String
    var itemsWithData: @Sendable (_ withData: Int, _ basic: Int) -> String
    var noData: String
    var noDataLong: String
    var noDataNote: @Sendable (String) -> String
    var noPopulationBars: String
    var populationNone: String

    var changeTitle: String
    var changeSince: @Sendable (_ run: String, _ date: String) -> String
    var changeNone: String
    var changeItems: String
    var changeSubdistricts: String
    var colItem: String
    var changeBefore: String
    var changeNow: String
    var changeDeltaPoints: String
    var changeMissingBefore: String
    var changeMissingNow: String
    var changeScoreBefore: String
    var changeScoreNow: String
    var deltaPoints: @Sendable (_ points: String, _ run: String) -> String
    var deltaCount: @Sendable (_ count: String, _ run: String) -> String

    var domainsTitle: String
    var domainsCaptionAll: String
    var domainsCaptionMean: String
    var itemsTitle: String
    var itemsCaption: @Sendable (_ reach: String) -> String
    var byOrigins: String
    var byPopulation: String
    var basicTag: String
    var facilities: @Sendable (Int) -> String
    var kindNames: [String: String]

    var subdistrictsTitle: String
    var subdistrictsCaption: String
    var areaClassesTitle: String
    var colSubdistrict: String
    var colAreaClass: String
    var colOrigins: String
    var colPopulation: String
    var colMeanScore: String
    var colAllBasic: String
    var colAllBasicPopulation: String
    var colMissing: String
    var colWorstItems: String
    var areaClassNames: [String: String]

    var mapTitle: String
    var mapCaption: String
    var mapItem: String
    var mapGapsOf: @Sendable (_ item: String, _ share: String) -> String
    var mapNoGaps: String
    var mapNoData: String
    var legendScore: String
    var legendGap: String
    var legendNetwork: String
    var legendWater: String
    var legendGreen: String
    var legendBoundary: String
    var legendNoScore: String
    var layerGaps: String
    var layerFacilities: String
    var layerOrigins: String
    var zoomIn: String
    var zoomOut: String
    var zoomReset: String
    var legendMinutes: String
    var minutesUnit: String
    var legendFacilities: String
    var cardMinutes: String
    var cardMissingItems: String
    var cardUnreachable: String
    var cardNotApplicable: String
    var cardBeyond: String
    var cardGapOf: String
    var cardGapArea: String
    var cardGapResidents: String
    var cardGapOrigins: String
    var kindResidential: String
    var kindVillage: String
    var cardAllItems: String
    var cardClose: String

    var worstTitle: String
    var worstCaption: @Sendable (_ shown: Int, _ total: Int?) -> String
    var colId: String
    var colName: String
    var colMode: String
    var colBasicScore: String
    var colMissingCount: String
    var colMissingItems: String
    var modeNames: [String: String]
    var noneMissing: String

    var sourcesTitle: String
    var parametersTitle: String
    var inputsTitle: String
    var notesTitle: String
    var colParameter: String
    var colValue: String
    var colRole: String
    var colPath: String
    var colSize: String
    var colSHA: String
    var populationNote: @Sendable (_ without: Int, _ origins: Int) -> String
    var empty: String

    static func of(_ lang: ReportLanguage) -> ReportLabels { lang == .zh ? zh : en }

    static let zh = ReportLabels(
        htmlLang: "zh-CN", listSeparator: "、", inputsDate: "数据日期", version: "版本", contents: "目录",
        headlineTitle: "总体情况", cardOrigins: "居村数", cardPopulation: "常住人口",
        cardMeanScore: "平均基础得分", cardAllBasic: "基础项全覆盖的居村", cardAllBasicPopulation: "基础项全覆盖的人口",
        cardMissing: "缺项总数", cardMissingHint: { "基础项共 \($0) 项" },
        cardOriginsHint: { $0 > 0 ? "\($0) 个无人口数据" : "居委与村委" },
        headlineSentence: { o, r, b, s in "\(o) 个居村中，\(s) 可在 \(r) 分钟内到达全部 \(b) 项基础设施。" },
        noPopulation: "未提供人口数据",
        populationPartial: { "\($0) 个居村无人口数据，未计入" },
        itemsWithData: { d, b in d == b ? "全部 \(b) 项基础项在输入中均有设施数据。"
            : "\(b) 项基础项中 \(d) 项在输入中有设施数据；其余 \(b - d) 项标为“无数据”（仍计入缺项）。" },
        noData: "无数据", noDataLong: "输入中没有该项目的设施", noDataNote: { "以下项目在输入中没有任何设施，标为“无数据”而非 0% 覆盖（在得分与缺项中按未覆盖计）：\($0)。" },
        noPopulationBars: "（未提供人口数据，不显示按人口的比例）",
        populationNone: "输入的居村均无人口数据：按人口加权的指标不予计算（不以每个居村 1 人代替）。",
        changeTitle: "与上次运行相比", changeSince: { r, d in "上次运行：第 \(r) 次（\(d)）。" },
        changeNone: "各项目与各街镇的覆盖率均无变化。", changeItems: "覆盖率有变化的项目", changeSubdistricts: "缺项或得分有变化的街镇",
        colItem: "项目", changeBefore: "上次", changeNow: "本次", changeDeltaPoints: "变化（百分点）",
        changeMissingBefore: "上次缺项", changeMissingNow: "本次缺项", changeScoreBefore: "上次平均得分", changeScoreNow: "本次平均得分",
        deltaPoints: { p, r in "较第 \(r) 次 \(p) 个百分点" }, deltaCount: { n, r in "较第 \(r) 次 \(n)" },
        domainsTitle: "各领域覆盖率", domainsCaptionAll: "覆盖该领域全部适用项目的居村与人口占比。",
        domainsCaptionMean: "领域覆盖率为其各项目覆盖率的平均值。",
        itemsTitle: "各项目覆盖率", itemsCaption: { "\($0) 分钟内可到达该项目的居村占比与人口占比（★ 为基础项）。" },
        byOrigins: "按居村", byPopulation: "按人口", basicTag: "基础", facilities: { "设施 \($0) 处" },
        kindNames: ["basic": "基础", "related": "相关", "x": "特色"],
        subdistrictsTitle: "各街镇情况", subdistrictsCaption: "默认按平均基础得分从低到高排列；点击表头可重新排序。",
        areaClassesTitle: "按地区类型",
        colSubdistrict: "街镇", colAreaClass: "地区类型", colOrigins: "居村数", colPopulation: "人口",
        colMeanScore: "平均基础得分", colAllBasic: "全覆盖居村占比", colAllBasicPopulation: "全覆盖人口占比",
        colMissing: "缺项数", colWorstItems: "最薄弱项目",
        areaClassNames: ["urban": "城市化地区", "expansion": "城镇化拓展区", "remote": "远郊地区"],
        mapTitle: "覆盖地图", mapCaption: "灰线为路网；圆点为居村，颜色表示到所选项目的时间；红色区域为所选项目的缺口。滚轮或双指缩放，拖动平移；悬停或点击居村查看详情，点击缺口查看面积与人口。",
        mapItem: "显示缺口的项目", mapGapsOf: { i, s in "缺口：\(i)（居村覆盖率 \(s)）" }, mapNoGaps: "（无缺口）",
        mapNoData: "本次运行没有地图数据。", legendScore: "基础得分", legendGap: "所选项目缺口",
        legendNetwork: "路网", legendWater: "水域", legendGreen: "绿地", legendBoundary: "街镇边界", legendNoScore: "未评分",
        layerGaps: "缺口", layerFacilities: "设施", layerOrigins: "居村", zoomIn: "放大", zoomOut: "缩小", zoomReset: "复位",
        legendMinutes: "居村到所选项目的时间：", minutesUnit: "分钟", legendFacilities: "所选项目的设施",
        cardMinutes: "分钟", cardMissingItems: "缺少的基础项", cardUnreachable: "无法到达", cardNotApplicable: "不适用",
        cardBeyond: "超过 62.5 分钟", cardGapOf: "缺口", cardGapArea: "面积", cardGapResidents: "缺该项目的居村人口",
        cardGapOrigins: "缺该项目的居村", kindResidential: "居委", kindVillage: "村委", cardAllItems: "各项目时间", cardClose: "关闭",
        worstTitle: "缺项最多的居村", worstCaption: { n, t in t.map { "共 \($0) 个居村存在缺项，此处列出缺项最多的 \(n) 个。" } ?? "缺项最多的 \(n) 个居村。" },
        colId: "编号", colName: "名称", colMode: "出行方式", colBasicScore: "基础得分", colMissingCount: "缺项数",
        colMissingItems: "缺少的项目", modeNames: ["walk": "步行", "cycle": "骑行"], noneMissing: "无",
        sourcesTitle: "参数与数据来源", parametersTitle: "参数", inputsTitle: "输入文件", notesTitle: "说明",
        colParameter: "参数", colValue: "取值", colRole: "用途", colPath: "路径", colSize: "大小", colSHA: "SHA-256",
        populationNote: { w, n in "\(n) 个居村中 \(w) 个没有人口数据，未计入按人口加权的指标。" }, empty: "—")

    static let en = ReportLabels(
        htmlLang: "en", listSeparator: ", ", inputsDate: "Inputs as of", version: "Version", contents: "Contents",
        headlineTitle: "Overview", cardOrigins: "Neighbourhoods", cardPopulation: "Population",
        cardMeanScore: "Mean basic score", cardAllBasic: "Neighbourhoods with every basic item",
        cardAllBasicPopulation: "Population with every basic item",
        cardMissing: "Missing basic items (缺项)", cardMissingHint: { "out of \($0) basic items each" },
        cardOriginsHint: { $0 > 0 ? "\($0) without population" : "residential and village committees" },
        headlineSentence: { o, r, b, s in "Of \(o) neighbourhoods, \(s) reach all \(b) basic items within \(r) minutes." },
        noPopulation: "population not given",
        populationPartial: { "\($0) without population, left out" },
        itemsWithData: { d, b in d == b ? "All \(b) basic items have facilities in the inputs."
            : "\(d) of \(b) basic items have facilities in the inputs; " + (b - d == 1 ? "the other is" : "the other \(b - d) are")
                + " marked “no data” (still counted as missing)." },
        noData: "no data", noDataLong: "no facility of this item in the inputs",
        noDataNote: { "No facility of these items is in the inputs: they are shown as “no data”, not as 0 % covered (scores and 缺项 count them as not covered): \($0)." },
        noPopulationBars: "(population not given: no population shares)",
        populationNone: "No origin has a population: population-weighted figures are not given (never counted as 1 resident per origin).",
        changeTitle: "Since the previous run", changeSince: { r, d in "Previous run: run \(r) (\(d))." },
        changeNone: "No item's or subdistrict's coverage changed.", changeItems: "Items whose coverage changed",
        changeSubdistricts: "Subdistricts whose 缺项 or score changed",
        colItem: "Item", changeBefore: "Before", changeNow: "Now", changeDeltaPoints: "Change (points)",
        changeMissingBefore: "缺项 before", changeMissingNow: "缺项 now", changeScoreBefore: "Mean score before",
        changeScoreNow: "Mean score now",
        deltaPoints: { p, r in "\(p) points since run \(r)" }, deltaCount: { n, r in "\(n) since run \(r)" },
        domainsTitle: "Coverage by domain",
        domainsCaptionAll: "Share of neighbourhoods and of population covering every item of the domain that applies to them.",
        domainsCaptionMean: "A domain's coverage is the mean of its items' coverage.",
        itemsTitle: "Coverage by item",
        itemsCaption: { "Share of neighbourhoods and of population reaching the item within \($0) minutes (★ basic item)." },
        byOrigins: "by neighbour\u{AD}hoods", byPopulation: "by population", basicTag: "basic",
        facilities: { $0 == 1 ? "1 facility" : "\($0) facilities" },
        kindNames: ["basic": "basic", "related": "related", "x": "local (X)"],
        subdistrictsTitle: "Subdistricts", subdistrictsCaption: "Worst first (ascending mean basic score); click a header to sort.",
        areaClassesTitle: "By area class",
        colSubdistrict: "Subdistrict", colAreaClass: "Area class", colOrigins: "Neighbour\u{AD}hoods", colPopulation: "Population",
        colMeanScore: "Mean basic score", colAllBasic: "All basic items, by neighbourhoods",
        colAllBasicPopulation: "All basic items, by population", colMissing: "Missing items", colWorstItems: "Worst items",
        areaClassNames: ["urban": "Urban", "expansion": "Urban expansion", "remote": "Remote"],
        mapTitle: "Coverage map",
        mapCaption: "Grey lines: street network. Dots: neighbourhoods coloured by their minutes to the chosen item. Red areas: gaps of the chosen item (not reachable within the reach). Wheel or pinch to zoom, drag to pan; hover or tap a neighbourhood for its card, tap a gap for its area and residents.",
        mapItem: "Gaps of", mapGapsOf: { i, s in "Gaps: \(i) (neighbourhood coverage \(s))" }, mapNoGaps: " (no gaps)",
        mapNoData: "This run has no map data.", legendScore: "Basic score", legendGap: "Gap of the chosen item",
        legendNetwork: "Street network", legendWater: "Water", legendGreen: "Green space", legendBoundary: "Subdistrict boundary", legendNoScore: "not scored",
        layerGaps: "Gaps", layerFacilities: "Facilities", layerOrigins: "Neighbourhoods", zoomIn: "Zoom in", zoomOut: "Zoom out",
        zoomReset: "Reset view", legendMinutes: "Neighbourhoods by minutes to the chosen item:", minutesUnit: "min",
        legendFacilities: "Facilities of the chosen item",
        cardMinutes: "min", cardMissingItems: "Missing basic items", cardUnreachable: "unreachable", cardNotApplicable: "n/a",
        cardBeyond: "over 62.5 min", cardGapOf: "Gap", cardGapArea: "Area", cardGapResidents: "Residents of neighbourhoods missing it",
        cardGapOrigins: "Neighbourhoods missing it", kindResidential: "residential committee (居委)", kindVillage: "village committee (村委)",
        cardAllItems: "Minutes per item", cardClose: "Close",
        worstTitle: "Neighbourhoods missing the most items",
        worstCaption: { n, t in t.map { "\($0) neighbourhoods miss at least one basic item; the \(n) missing the most are listed." } ?? "The \(n) neighbourhoods missing the most basic items." },
        colId: "Id", colName: "Name", colMode: "Mode", colBasicScore: "Basic score", colMissingCount: "Missing",
        colMissingItems: "Missing items", modeNames: ["walk": "walk", "cycle": "cycle"], noneMissing: "none",
        sourcesTitle: "Parameters and sources", parametersTitle: "Parameters", inputsTitle: "Inputs", notesTitle: "Notes",
        colParameter: "Parameter", colValue: "Value", colRole: "Role", colPath: "Path", colSize: "Size", colSHA: "SHA-256",
        populationNote: { w, n in "\(w) of \(n) neighbourhoods have no population and are left out of population-weighted figures." },
        empty: "—")
}
