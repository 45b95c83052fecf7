import CircleCatalog

/// Catalog name look-ups remembered per distinct spelling: a city's origins repeat a few dozen
/// subdistrict and class names tens of thousands of times, and each catalog look-up normalises
/// Unicode.
final class CatalogLookup {
    let catalog: Catalog
    private var subdistricts: [String: Subdistrict?] = [:]
    private var classes: [String: AreaClass?] = [:]
    private var kinds: [String: OriginKind?] = [:]
    private var applying: [String: Set<String>] = [:]

    init(_ catalog: Catalog) { self.catalog = catalog }

    func subdistrict(_ name: String) -> Subdistrict? {
        if let hit = subdistricts[name] { return hit }
        // As `Catalog.subdistrict(named:)`: the first subdistrict with a name of the same key,
        // from a table of every name's key made once (not every name normalised per look-up);
        // else its loose match.
        if byKey == nil {
            var table: [String: Subdistrict] = [:]
            for s in catalog.subdistricts {
                for n in s.names where table[CatalogNames.key(n)] == nil { table[CatalogNames.key(n)] = s }
            }
            byKey = table
        }
        let k = CatalogNames.key(name)
        let found = k.isEmpty ? nil : byKey![k] ?? looseMatch(name)
        subdistricts[name] = .some(found)
        return found
    }

    /// Every subdistrict name's key (``CatalogNames/key(_:)``), to the first subdistrict with it.
    private var byKey: [String: Subdistrict]?

    /// As `Catalog.subdistrict(named:)` once no name has the same key: the one subdistrict with a
    /// name of the same loose key (``CatalogNames/looseSubdistrictKey(_:)``), nil when none or
    /// several, from a table of every name's loose key made once (a city whose subdistricts the
    /// catalog does not list missed every catalog name, normalised twice, per distinct name).
    private func looseMatch(_ name: String) -> Subdistrict? {
        if byLooseKey == nil {
            var table: [String: [Int]] = [:]
            for (i, s) in catalog.subdistricts.enumerated() {
                for n in s.names {
                    let k = CatalogNames.looseSubdistrictKey(n)
                    if table[k]?.last != i { table[k, default: []].append(i) }
                }
            }
            byLooseKey = table
        }
        guard let fits = byLooseKey![CatalogNames.looseSubdistrictKey(name)], fits.count == 1 else { return nil }
        return catalog.subdistricts[fits[0]]
    }

    /// Every subdistrict name's loose key, to the subdistricts (their indexes) with it.
    private var byLooseKey: [String: [Int]]?

    func areaClass(_ name: String) -> AreaClass? {
        if let hit = classes[name] { return hit }
        let found = catalog.areaClass(named: name)
        classes[name] = .some(found)
        return found
    }

    func originKind(_ name: String) -> OriginKind? {
        if let hit = kinds[name] { return hit }
        let found = Catalog.originKind(named: name)
        kinds[name] = .some(found)
        return found
    }

    /// Ids of the items that apply to origins of the named subdistrict (basic, related, its X).
    func applyingItems(subdistrict name: String) -> Set<String> {
        if let hit = applying[name] { return hit }
        let ids = Set(catalog.items(for: subdistrict(name)).map(\.id))
        applying[name] = ids
        return ids
    }
}
