import CircleReport
import Foundation

/// `circle site`'s report.html (docs/siting.md): per item, the sites on a map of the item's gap
/// layer and the coverage curve by number of sites.
enum SiteReportBuilder {
    static func model(_ plans: [ItemPlan], run: AnalysisRun, p: Prepared, tables: RunTables, demandsOf: [[Int]],
                      candidates: [Candidate], goal: SiteOptions.Goal) -> SiteReportModel {
        let zh = run.language == .zh
        let items: [SiteReportItem] = plans.indices.map { i in
            let item = run.items[i]
            let plan = plans[i]
            var closed = Set<Int>()
            for pick in plan.plan.picks { for k in pick.newlyCovered { closed.insert(demandsOf[i][Int(k)]) } }
            let origins: [(position: ReportPosition, status: SiteReportItem.Status)] = p.origins.indices.compactMap { o in
                guard let covered = tables.scores[o].covered[i] else { return nil }
                let status: SiteReportItem.Status = covered ? .covered : closed.contains(o) ? .closed : .lacking
                return (ReportPosition(p.origins[o].lon, p.origins[o].lat), status)
            }
            let facilities = p.facilities.filter { $0.item == i }.map { ReportPosition($0.lon, $0.lat) }
            let sites = plan.plan.picks.map { pick in
                let c = candidates[pick.candidate]
                return (id: c.id, position: ReportPosition(c.lon, c.lat), newlyCovered: pick.newlyCovered.count)
            }
            var curve = [plan.total > 0 ? plan.coveredBefore / plan.total : 0]
            var after = plan.coveredBefore
            for pick in plan.plan.picks {
                after += pick.gain
                curve.append(plan.total > 0 ? after / plan.total : 0)
            }
            let goal = SiteOutputs.goalText(goal)
            let summary = (zh ? "目标：\(goal)；方法：\(plan.plan.method)；" : "Goal: \(goal); method: \(plan.plan.method); ")
                + plan.plan.solverNote
            return SiteReportItem(id: item.id, name: zh ? item.nameZh : item.nameEn, summary: summary, origins: origins,
                                  facilities: facilities, sites: sites, curve: curve)
        }
        let title = zh ? "\(run.catalog.id) 设施选址" : "Facility siting (\(run.catalog.id))"
        return SiteReportModel(title: title, toolVersion: circleVersion, lang: run.language, items: items)
    }
}
