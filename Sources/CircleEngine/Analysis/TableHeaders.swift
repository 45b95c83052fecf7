import CircleCatalog
import CircleReport

/// The column headers of the tables (CSV and coverage.xlsx): English snake_case by default
/// (stable for scripts), Chinese when `--lang zh` is given explicitly (docs/outputs.md). Only
/// headers change; the values (ids, statuses, numbers) are the same in both.
struct TableHeaders: Sendable {
    let language: ReportLanguage
    let items: [Item]
    let domains: [Domain]

    /// The headers for these English column names.
    func names(_ english: [String]) -> [String] {
        language == .zh ? english.map(zh) : english
    }

    /// The Chinese header of one English column name (the English name when none is known).
    func zh(_ name: String) -> String {
        if let fixed = Self.fixed[name] { return fixed }
        for item in items {
            switch name {
            case "share_\(item.id)": return "\(item.nameZh)覆盖比例"
            case "population_share_\(item.id)": return "\(item.nameZh)人口覆盖比例"
            case "\(item.id)_pct": return "\(item.nameZh)覆盖率_%"
            case "\(item.id)_population_pct": return "\(item.nameZh)人口覆盖率_%"
            case "\(item.id)_min": return "\(item.nameZh)_分钟"
            case "\(item.id)_status": return "\(item.nameZh)_状态"
            default: continue
            }
        }
        for domain in domains where name == "covered_\(domain.id)" { return "\(domain.nameZh)覆盖项数" }
        return name
    }

    /// The Chinese headers of the fixed columns.
    static let fixed: [String: String] = [
        "origin_id": "居村委编号", "item": "设施项", "mode": "出行方式", "minutes": "分钟", "status": "状态",
        "name": "名称", "kind": "类型", "subdistrict": "街镇", "area_class": "地区类型",
        "area_class_source": "地区类型来源", "population": "人口", "snap_status": "路网匹配",
        "access_m": "接入距离_米", "basic_covered": "基本项覆盖数", "basic_total": "基本项总数",
        "basic_score": "基本项得分", "basic_score_pct": "基本项得分_%", "missing_count": "缺项数",
        "missing_items": "缺项", "missing_items_zh": "缺项_中文", "x_covered": "X项覆盖数", "x_total": "X项总数",
        "level": "层级", "origins": "居村委数", "origins_without_population": "无人口居村委数",
        "mean_basic_score": "平均基本项得分", "all_basic_share": "基本项全覆盖比例",
        "all_basic_population_share": "基本项全覆盖人口比例", "worst_items": "最缺项",
        "all_basic_pct": "基本项全覆盖率_%", "all_basic_population_pct": "基本项全覆盖人口率_%",
        "item_zh": "设施项_中文", "key": "参数", "value": "值",
    ]
}
