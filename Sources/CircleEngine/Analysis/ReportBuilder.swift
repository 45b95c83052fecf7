import CircleCatalog
import CircleGeo
import CircleGraph
import CircleHistory
import CircleReport
import Foundation

/// Fills the HTML report's model from a finished run: figures from the scores, the map from the
/// walking network, the origins and the gap polygons.
enum ReportBuilder {
    /// The model of a run whose gap maps are `maps` (empty: none drawn).
    static func model(run: RunTables, summary: Summary, network: RoadNetwork, maps: [GapMap], areas: AreaPolygons?,
                      facilities: [FacilityPoint], lang: ReportLanguage) -> ReportModel {
        var model = model(run: run, summary: summary, network: network, areas: areas, facilities: facilities, lang: lang)
        addGaps(&model, maps: maps, run: run)
        return model
    }

    /// The model without the gap maps, which ``addGaps(_:maps:run:)`` adds: a run that redraws few
    /// maps makes it while they are drawn.
    static func model(run: RunTables, summary: Summary, network: RoadNetwork, areas: AreaPolygons?,
                      facilities: [FacilityPoint], lang: ReportLanguage) -> ReportModel {
        let overall = run.groups.last!
        let items = run.items.enumerated().map { i, item in
            ReportItem(id: item.id, nameZh: item.nameZh, nameEn: item.nameEn, domainId: item.domain,
                       isBasic: run.catalog.kind(of: item) == .basic, originShare: overall.itemShare[i],
                       populationShare: overall.itemPopulationShare[i], reachMinutes: item.reachMinutes,
                       facilityCount: Set(facilities.filter { $0.item == i }.map(\.id)).count)
        }
        let domains = run.domainsInUse.map { ReportDomain(id: $0.id, nameZh: $0.nameZh, nameEn: $0.nameEn, kind: $0.kind.rawValue) }
        func group(_ g: GroupScoreView) -> ReportGroup {
            ReportGroup(name: g.name, areaClass: g.areaClass, origins: g.origins, population: g.population,
                        meanBasicScore: g.meanBasicScore, allBasicShare: g.allBasicShare,
                        allBasicPopulationShare: g.allBasicPopulationShare, missingCount: g.missingCount,
                        worstItems: g.worstItems)
        }
        let views = GroupScoreView.all(run)
        let worst = run.origins.indices.filter { !run.scores[$0].missingBasic.isEmpty }
            .sorted { (run.scores[$0].missingBasic.count, $1) > (run.scores[$1].missingBasic.count, $0) }
        let headline = ReportHeadline(
            origins: overall.origins, population: overall.population, originsWithoutPopulation: overall.originsWithoutPopulation,
            meanBasicScore: overall.meanBasicScore, allBasicShare: overall.allBasicShare,
            allBasicPopulationShare: overall.allBasicPopulationShare, missingCount: overall.missingCount,
            basicItemCount: run.items.filter { run.catalog.kind(of: $0) == .basic }.count,
            reachMinutes: run.catalog.reachMinutes)
        return ReportModel(
            title: lang == .zh ? "15分钟服务圈覆盖报告" : "15-minute service circle coverage report",
            inputsDate: inputsDate(summary.inputs), toolVersion: circleVersion, lang: lang,
            headline: headline, domains: domains, items: items,
            subdistricts: views.filter { $0.level == "subdistrict" }.map(group),
            areaClasses: views.filter { $0.level == "area_class" }.map(group),
            worstOrigins: worst.prefix(50).map { o in
                ReportOrigin(id: run.origins[o].id, name: run.origins[o].name, subdistrict: run.origins[o].subdistrict,
                             mode: run.origins[o].mode.rawValue, population: run.origins[o].population,
                             basicScore: run.scores[o].basicScore, missing: run.scores[o].missingBasic.map { run.items[$0].id })
            },
            originsWithMissing: worst.count,
            map: map(run: run, network: network, areas: areas, facilities: facilities),
            parameters: summary.parameters.sorted { $0.key < $1.key }.map { ReportParameter($0.key, $0.value) },
            inputs: summary.inputs.map { ReportInput(role: $0.role, path: $0.path, bytes: $0.bytes, sha256: $0.sha256) },
            notes: studyNote(summary.gapStudy, lang: lang) + run.catalog.notes + summary.warnings)
    }

    /// What the gap maps' study area is (SPEC §7): its area and what made it.
    static func studyNote(_ study: Summary.GapStudyArea?, lang: ReportLanguage) -> [String] {
        guard let g = study else { return [] }
        let mask = g.mask == "none" ? (lang == .zh ? "无" : "none") : g.mask == "osm" ? "OSM" : g.mask
        if lang == .zh {
            return [String(format: "缺项地图研究范围：%.2f km²（步行网络 %g m 以内的用地%@，住区掩膜：%@；%d 个 %g m 网格）",
                           g.areaKm2, g.accessM, g.areas ? "，限于街道边界" : "", mask, g.cells, g.cellM)]
        }
        return [String(format: "Gap-map study area: %.2f km² (%@; mask: %@; %d cells of %g m)",
                       g.areaKm2, g.basis, mask, g.cells, g.cellM)]
    }

    /// What changed since the last successful run in the history (nil without one): the first
    /// section of the report and the deltas on its headline cards.
    static func change(run: RunTables, history: String?) -> ReportChange? {
        guard let history, FileManager.default.fileExists(atPath: history),
              let previous = try? RunHistory(path: history).lastSuccessfulFigures() else { return nil }
        let overall = run.groups.last!
        var items: [ReportItemChange] = []
        for (i, item) in run.items.enumerated() {
            guard let recorded = previous.itemShares[item.id] else { continue }   // not in the previous run
            let now = overall.itemShare[i]
            if let a = recorded, let b = now, abs(a - b) < 0.0005 { continue }
            if recorded == nil && now == nil { continue }
            items.append(ReportItemChange(id: item.id, before: recorded, after: now))
        }
        let subdistricts = run.groups.filter { $0.level == .subdistrict }.compactMap { g -> ReportGroupChange? in
            guard let p = previous.subdistricts[g.name],
                  p.missingCount != g.missingCount || abs(p.meanBasicScore - g.meanBasicScore) >= 0.0005 else { return nil }
            return ReportGroupChange(name: g.name, missingBefore: p.missingCount, missingAfter: g.missingCount,
                                     scoreBefore: p.meanBasicScore, scoreAfter: g.meanBasicScore)
        }
        return ReportChange(previousRun: "\(previous.id)", previousDate: ISO8601DateFormatter().string(from: previous.startedAt),
                            origins: previous.headline.origins, meanBasicScore: previous.headline.meanBasicScore,
                            allBasicShare: previous.headline.allBasicShare, missingCount: previous.headline.missingCount,
                            items: items, subdistricts: subdistricts)
    }

    /// The newest modification time of the input files, ISO 8601 in UTC ("" when none is found).
    static func inputsDate(_ inputs: [Summary.Input]) -> String {
        let dates = inputs.compactMap { try? FileManager.default.attributesOfItem(atPath: $0.path)[.modificationDate] as? Date }
        return dates.max().map { ISO8601DateFormatter().string(from: $0) } ?? ""
    }

    /// The map without gap polygons (``addGaps(_:maps:run:)``).
    static func map(run: RunTables, network: RoadNetwork, areas: AreaPolygons?, facilities: [FacilityPoint]) -> ReportMap {
        let e = network.edges
        let lines = ReportPolylines(lon: e.shapeLon.map(Geodesy.degrees), lat: e.shapeLat.map(Geodesy.degrees),
                                    starts: e.shapeStart.map { Int($0) })
        let boundaries = areas?.areas.features.flatMap { $0.polygons.map { positions($0.rings[0]) } } ?? []
        let origins = run.origins.enumerated().map { o, origin in
            ReportMapOrigin(id: origin.id, name: origin.name, position: ReportPosition(origin.lon, origin.lat),
                            basicScore: run.snaps[o].status == .snapped ? run.scores[o].basicScore : nil,
                            missingCount: run.scores[o].missingBasic.count, kind: origin.kind.rawValue,
                            mode: origin.mode.rawValue, subdistrict: origin.subdistrict)
        }
        var facilityPositions: [String: [ReportPosition]] = [:]
        var seen = Set<String>()
        for f in facilities where seen.insert("\(f.item)\u{1}\(f.id)").inserted {   // one marker per facility
            facilityPositions[run.items[f.item].id, default: []].append(ReportPosition(f.lon, f.lat))
        }
        var map = ReportMap(network: [], boundaries: boundaries, origins: origins, gaps: [:],
                            defaultItem: nil, facilities: facilityPositions, gapResidents: [:])
        map.minuteCodes = ReportMinuteTable.codes(run)
        if let lines, lines.count == e.count {
            map.networkLines = lines
        } else {
            map.network = (0..<e.count).map { k in
                e.shape(of: k).map { ReportPosition(Geodesy.degrees(e.shapeLon[$0]), Geodesy.degrees(e.shapeLat[$0])) }
            }
        }
        return map
    }

    /// A ring's positions as the report reads them.
    static func positions(_ ring: AreaRing) -> [ReportPosition] { zip(ring.lon, ring.lat).map { ReportPosition($0, $1) } }

    /// Adds the gap maps to the model's map: each item's polygons and residents, and the item
    /// shown first.
    static func addGaps(_ model: inout ReportModel, maps: [GapMap], run: RunTables) {
        guard var map = model.map else { return }
        for m in maps where !m.polygons.polygons.isEmpty {
            map.gaps[m.item.id] = m.polygons.polygons.map { $0.rings.map(positions) }
        }
        for m in maps { if let p = m.population { map.gapResidents[m.item.id] = p } }
        // Show first the basic item with facilities that the fewest origins cover (an item without
        // any facility is a gap everywhere, which the bars already say).
        let overall = run.groups.last!
        let worst = run.items.indices.filter {
            run.catalog.kind(of: run.items[$0]) == .basic && map.gaps[run.items[$0].id] != nil
                && map.facilities[run.items[$0].id] != nil
        }
            .min { (overall.itemShare[$0] ?? 1, $0) < (overall.itemShare[$1] ?? 1, $1) }
        map.defaultItem = worst.map { run.items[$0].id }
        model.map = map
    }
}

/// A group's figures with item indices turned into ids and its subdistrict's area class.
struct GroupScoreView {
    var level: String, name: String, areaClass: String
    var origins: Int, population: Double?, meanBasicScore: Double, allBasicShare: Double
    var allBasicPopulationShare: Double?, missingCount: Int, worstItems: [String]

    static func all(_ run: RunTables) -> [GroupScoreView] {
        var classOf: [String: String] = [:]
        for o in run.scoredOrigins where classOf[o.subdistrict] == nil { classOf[o.subdistrict] = o.areaClass }
        return run.groups.map { g in
            GroupScoreView(level: g.level.rawValue, name: g.name,
                           areaClass: g.level == .subdistrict ? classOf[g.name] ?? "" : g.level == .areaClass ? g.name : "",
                           origins: g.origins, population: g.population, meanBasicScore: g.meanBasicScore,
                           allBasicShare: g.allBasicShare, allBasicPopulationShare: g.allBasicPopulationShare,
                           missingCount: g.missingCount, worstItems: g.worstItems.map { run.items[$0].id })
        }
    }
}
