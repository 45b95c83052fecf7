import CircleGraph
import Foundation

/// How names are compared when looking things up in a catalog.
public enum CatalogNames {
    /// The comparison key of a name: compatibility-normalised (full-width → half-width), lowercased,
    /// without white space, `_`, `-`, `'` and `’`. "Bus stop", "bus_stop" and "ＢＵＳ－ＳＴＯＰ" share a key.
    public static func key(_ name: String) -> String {
        let folded = name.precomposedStringWithCompatibilityMapping.lowercased()
        return String(folded.unicodeScalars.filter { scalar in
            !CharacterSet.whitespacesAndNewlines.contains(scalar) && !"_-'’".unicodeScalars.contains(scalar)
        }.map(Character.init))
    }

    /// A subdistrict name's key without its administrative suffix and common shortenings: 街道, 镇,
    /// then 新村, 路 or a trailing 新 (陆家嘴街道 → 陆家嘴, 川沙新镇 → 川沙, 潍坊新村街道 → 潍坊); in English
    /// subdistrict, sub-district, street, town, township, then xincun, xinzhen, road.
    public static func looseSubdistrictKey(_ name: String) -> String {
        var k = key(name)
        for suffixes in [["街道办事处", "街道", "镇", "乡", "subdistrict", "street", "township", "town"],
                         ["新村", "路", "新", "xincun", "xinzhen", "road"]] {
            if let s = suffixes.first(where: { k.hasSuffix($0) && k.count > $0.count }) {
                k.removeLast(s.count)
            }
        }
        return k
    }

    /// Accepted spellings of each origin kind (compared by ``key(_:)``).
    public static let originKindNames: [OriginKind: [String]] = [
        .residential: ["residential", "居委", "居委会", "居民委员会", "社区居委会", "居民区", "社区", "居",
                       "residential committee", "residents committee", "residents' committee",
                       "neighborhood committee", "neighbourhood committee", "community", "rc"],
        .village: ["village", "村委", "村委会", "村民委员会", "村", "行政村", "village committee",
                   "villagers committee", "villagers' committee", "vc"],
    ]

    /// Accepted spellings of each travel mode (compared by ``key(_:)``).
    public static let travelModeNames: [TravelMode: [String]] = [
        .walk: ["walk", "walking", "foot", "on foot", "步行"],
        .cycle: ["cycle", "cycling", "bicycle", "bike", "骑行", "自行车"],
    ]

    static func travelMode(named name: String) -> TravelMode? {
        let k = key(name)
        return TravelMode.allCases.first { mode in travelModeNames[mode, default: []].contains { key($0) == k } }
    }
}

extension Catalog {
    /// The origin kind a name stands for: `residential`, 居委, 居委会, 居民委员会, 社区, … or
    /// `village`, 村委, 村委会, 村民委员会, 村, … (see ``CatalogNames/originKindNames``); nil if none.
    public static func originKind(named name: String) -> OriginKind? {
        let k = CatalogNames.key(name)
        guard !k.isEmpty else { return nil }
        return OriginKind.allCases.first { kind in
            CatalogNames.originKindNames[kind, default: []].contains { CatalogNames.key($0) == k }
        }
    }

    /// The travel mode a name stands for: walk, walking, 步行, … or cycle, cycling, bike, 骑行, …
    public static func travelMode(named name: String) -> TravelMode? {
        CatalogNames.travelMode(named: name)
    }

    /// The item with this id, Chinese or English name or alias (compared by ``CatalogNames/key(_:)``).
    public func item(named name: String) -> Item? {
        let k = CatalogNames.key(name)
        guard !k.isEmpty else { return nil }
        return items.first { $0.id == name } ?? items.first { $0.names.contains { CatalogNames.key($0) == k } }
    }

    /// The area class with this id, Chinese or English name or alias.
    public func areaClass(named name: String) -> AreaClass? {
        let k = CatalogNames.key(name)
        guard !k.isEmpty else { return nil }
        return areaClasses.first { $0.names.contains { CatalogNames.key($0) == k } }
    }

    /// The subdistrict with this Chinese or English name or alias. An exact match (by
    /// ``CatalogNames/key(_:)``) wins; otherwise the name may lack its suffix (陆家嘴 for 陆家嘴街道,
    /// Lujiazui for Lujiazui Subdistrict, 川沙镇 for 川沙新镇) provided exactly one subdistrict fits.
    public func subdistrict(named name: String) -> Subdistrict? {
        let k = CatalogNames.key(name)
        guard !k.isEmpty else { return nil }
        if let exact = subdistricts.first(where: { $0.names.contains { CatalogNames.key($0) == k } }) {
            return exact
        }
        let loose = CatalogNames.looseSubdistrictKey(name)
        let fits = subdistricts.filter { $0.names.contains { CatalogNames.looseSubdistrictKey($0) == loose } }
        return fits.count == 1 ? fits[0] : nil
    }

    /// The domain with this id (exact), or with this name (by ``CatalogNames/key(_:)``).
    public func domain(_ id: String) -> Domain? {
        if let d = domains.first(where: { $0.id == id }) { return d }
        let k = CatalogNames.key(id)
        return domains.first { [$0.id, $0.nameZh, $0.nameEn].contains { CatalogNames.key($0) == k } }
    }
}

/// Close catalog names for a name that matched none: typos in English (edit distance) and
/// Chinese names that share most of their characters (bigram overlap), e.g. 社区食堂 → 长者食堂.
public enum NameSuggestions {
    /// Levenshtein distance over characters.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var diagonal = row[0]
            row[0] = i
            for j in 1...b.count {
                let above = row[j]
                row[j] = min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }

    /// How alike `query` is to `name`, 0…1: the edit-distance ratio, and for a query in Chinese
    /// (not all ASCII) the share of its character pairs found in the name if that is better (both
    /// compared by ``CatalogNames/key(_:)``). Latin letter pairs are too common to mean much.
    public static func similarity(_ query: String, _ name: String) -> Double {
        let q = CatalogNames.key(query), n = CatalogNames.key(name)
        guard !q.isEmpty, !n.isEmpty else { return 0 }
        let edit = 1 - Double(distance(q, n)) / Double(max(q.count, n.count))
        guard q.utf8.contains(where: { $0 >= 0x80 }) else { return edit }
        func pairs(_ s: String) -> Set<String> {
            let c = Array(s)
            guard c.count > 1 else { return [s] }
            return Set((0..<(c.count - 1)).map { String(c[$0]) + String(c[$0 + 1]) })
        }
        let qp = pairs(q)
        let shared = Double(qp.intersection(pairs(n)).count) / Double(qp.count)
        return max(edit, shared)
    }

    /// Up to `limit` items whose id, names or aliases are like `name` (similarity ≥ 0.5), best first.
    public static func items(like name: String, in catalog: Catalog, limit: Int = 3) -> [Item] {
        let scored = catalog.items.enumerated().compactMap { k, item -> (Double, Int, Item)? in
            let best = item.names.map { similarity(name, $0) }.max() ?? 0
            return best >= 0.5 ? (best, k, item) : nil
        }
        return scored.sorted { ($0.0, -$0.1) > ($1.0, -$1.1) }.prefix(limit).map(\.2)
    }
}
