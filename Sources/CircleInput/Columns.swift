import Foundation

/// Accepted column (or property) names for origins and facilities, matched case-insensitively
/// after trimming. The first name of each list is the canonical one.
public enum Columns {
    public static let id = ["id", "编号", "code", "代码", "origin_id", "facility_id"]
    public static let name = ["name", "名称", "居委名称", "村委名称", "设施名称"]
    public static let kind = ["kind", "居村类型", "类型", "committee_type", "origin_kind"]
    public static let areaClass = ["area_class", "地区类型", "区域类型", "分区", "class", "area"]
    public static let subdistrict = ["subdistrict", "街镇", "街道", "town", "街道/镇"]
    public static let population = ["population", "pop", "人口", "常住人口", "residents"]
    public static let type = ["type", "item", "设施类型", "类型", "category"]

    /// The value of the first present, non-empty alias among `names` in `attributes` (whose keys
    /// are lowercased, as ``InputPoint`` keeps them).
    public static func value(_ names: [String], in attributes: [String: String]) -> String? {
        for n in names {
            if let v = attributes[n] ?? attributes[n.lowercased()] {
                let t = trimmed(v)
                if !t.isEmpty { return t }
            }
        }
        return nil
    }

    /// `text` without surrounding spaces and tabs; cheap when there are none (the usual case).
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard blank(first) || blank(last) else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
