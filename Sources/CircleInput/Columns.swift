import Foundation

/// Accepted column (or property) names for origins and facilities, matched case-insensitively
/// after trimming. The first name of each list is the canonical one.
public enum Columns {
    public static let id = ["id", "编号"]
    public static let name = ["name", "名称", "居委名称", "村委名称", "设施名称"]
    public static let kind = ["kind", "居村类型", "类型", "committee_type", "origin_kind"]
    public static let areaClass = ["area_class", "地区类型", "区域类型", "分区", "class", "area"]
    public static let subdistrict = ["subdistrict", "街镇", "街道", "town", "街道/镇"]
    public static let population = ["population", "pop", "人口", "常住人口", "residents"]
    public static let type = ["type", "item", "设施类型", "类型", "category"]
    /// A facility's capacity (places, beds, seats), for its catchment's load (facilities.csv).
    public static let capacity = ["capacity", "容量"]

    /// A field a file may give under any of several names: at most one of them may be present.
    public struct Field: Sendable {
        /// The field's name in messages (`longitude`, `kind`).
        public var name: String
        /// Its accepted column or property names, lowercase.
        public var aliases: [String]

        public init(_ name: String, _ aliases: [String]) {
            self.name = name
            self.aliases = aliases
        }
    }

    /// The fields of an origins file besides position and id.
    public static let originFields = [Field("kind", kind), Field("name", name), Field("area_class", areaClass),
                                      Field("subdistrict", subdistrict), Field("population", population)]
    /// The fields of a facilities file besides position and id.
    public static let facilityFields = [Field("type", type), Field("name", name), Field("capacity", capacity)]

    /// Checks a header (`what`: "column") or a feature's property names ("property"): no two names equal up to case and
    /// surrounding spaces, and at most one name for each field of `groups`. Returns, per group,
    /// the index of the name that gives it (nil when none does).
    ///
    /// - Throws: ``InputError`` naming both columns (or properties).
    public static func checkNames(_ names: [String], groups: [Field], what: String, path: String,
                                  location: String) throws -> [Int?] {
        let lower = names.map { trimmed($0).lowercased() }
        var seen: [String: Int] = [:]
        for (k, name) in lower.enumerated() where !name.isEmpty {
            if let first = seen.updateValue(k, forKey: name) {
                let plural = what == "property" ? "properties" : what + "s"
                let same = names[first] == names[k] ? "\(plural) \(first + 1) and \(k + 1) are both named '\(names[k])'"
                    : "'\(names[first])' (\(what) \(first + 1)) and '\(names[k])' (\(what) \(k + 1)) differ only in case or spaces"
                throw InputError(path: path, location: location,
                                 problem: "\(same): which one counts is ambiguous; keep one")
            }
        }
        return try groups.map { group in
            let found = lower.indices.filter { group.aliases.contains(lower[$0]) }
            if found.count > 1 {
                let list = found.map { "'\(names[$0])' (\(what) \($0 + 1))" }
                throw InputError(path: path, location: location,
                                 problem: "\(list.joined(separator: " and ")) both give the \(group.name); keep one")
            }
            return found.first
        }
    }

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

    /// A decimal number as people write them: `12`, `-3.5`, `.5`, `1e3`, `+2`; nil for anything
    /// else, also for what Swift's `Double(_:)` would accept besides (`0x18.F`, `nan`, `inf`).
    public static func number(_ text: String) -> Double? {
        var digits = 0, i = text.utf8.startIndex
        let u = text.utf8
        if i < u.endIndex, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") { i = u.index(after: i) }
        var sawPoint = false, sawExponent = false, exponentDigits = 0
        while i < u.endIndex {
            let c = u[i]
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawExponent { exponentDigits += 1 } else { digits += 1 }
            case UInt8(ascii: ".") where !sawPoint && !sawExponent:
                sawPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard !sawExponent, digits > 0 else { return nil }
                sawExponent = true
                let next = u.index(after: i)
                if next < u.endIndex, u[next] == UInt8(ascii: "+") || u[next] == UInt8(ascii: "-") { i = next }
            default:
                return nil
            }
            i = u.index(after: i)
        }
        guard digits > 0, !sawExponent || exponentDigits > 0, let v = Double(text), v.isFinite else { return nil }
        return v
    }

    /// `text` without surrounding spaces and tabs; cheap when there are none (the usual case).
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard blank(first) || blank(last) else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
