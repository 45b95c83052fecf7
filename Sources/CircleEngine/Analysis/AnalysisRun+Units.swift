import CircleCatalog
import CircleCoverage
import CircleGraph
import CircleSupport
import Foundation

/// Where a run finds and keeps unit results and gap maps: the search cache (`--cache`), the
/// shards' folders a merge reads, and the folder a shard writes.
struct ResultStores {
    var cache: SearchCache?
    /// Read by a merge, in shard order.
    var shards: [EntryFolder] = []
    /// Written by a shard: every unit and gap map it owns, computed or reused.
    var parts: EntryFolder?

    var keyed: Bool { cache != nil || !shards.isEmpty || parts != nil }

    func loadUnit(_ key: String) -> [UInt32]? {
        if let v = cache?.load(key) { return v }
        for s in shards { if let v = s.loadUnit(key) { return v } }
        return nil
    }

    func loadGap(_ key: String, item: Item) -> GapMap? {
        if let cache, let m = GapCache.load(cache.entries, key: key, item: item) { return m }
        for s in shards { if let m = GapCache.load(s, key: key, item: item) { return m } }
        return nil
    }
}

/// The searches' results: `centimetres[item][point]` (origins, then gap cells), and how many
/// units were run and reused.
struct Searched {
    var centimetres: [[UInt32]]
    var computed: Int
    var reused: Int
}

extension AnalysisRun {
    /// Runs (or takes from the stores) the units of the `owned` items (nil: all). With
    /// `searchMissing` false (a merge) every unit must come from the stores.
    func search(_ p: Prepared, stores: ResultStores, owned: Set<Int>?, searchMissing: Bool = true) throws -> Searched {
        let wanted = p.units.filter { owned?.contains($0.item) ?? true }
        var reuse: [CoverageSearch.Unit: [UInt32]] = [:]
        for unit in wanted { if let key = p.unitKeys[unit], let v = stores.loadUnit(key) { reuse[unit] = v } }
        if !searchMissing, let missing = wanted.first(where: { reuse[$0] == nil }) {
            throw MergeError.missingResult(item: items[missing.item].id, mode: missing.mode.rawValue,
                                           shard: ShardSpec.owner(ofItem: missing.item, shards: max(1, stores.shards.count)))
        }
        let fresh = ResultSlots<(CoverageSearch.Unit, [UInt32])>(count: max(1, wanted.count))
        let counter = WorkCounter()
        var collect: (@Sendable (CoverageSearch.Unit, [UInt32]) -> Void)? = nil
        if stores.keyed {
            collect = { unit, values in
                if let k = counter.take(below: .max) { fresh.store(k, (unit, values)) }
            }
        }
        let unitsCollector = collect
        let progressLog = log
        let (centimetres, units) = timed("search") {
            CoverageSearch(networks: p.nets).run(
                origins: p.points, facilities: p.perItem, reuse: reuse, only: searchMissing ? owned : [],
                unitResult: unitsCollector,
                progress: { done, total in progressLog.progress("searches", done: done, total: total) })
        }
        try timed("store results") {
            for case let (unit, values)? in fresh.values {
                guard let key = p.unitKeys[unit] else { continue }
                try stores.cache?.store(key, values)
                try stores.parts?.storeUnit(key, values)
            }
            if let parts = stores.parts {
                for (unit, values) in reuse { try parts.storeUnit(p.unitKeys[unit]!, values) }
            }
        }
        return Searched(centimetres: centimetres, computed: units.count, reused: wanted.count - units.count)
    }

    /// The gap maps of the `owned` items (nil: all), taken from the stores where their key
    /// matches and built (and stored) otherwise; with `buildMissing` false (a merge) every map
    /// must come from the stores. Returns the maps and how many were reused.
    func gapMaps(_ inputs: GapMaps.Inputs, stores: ResultStores, unitKeys: [CoverageSearch.Unit: String],
                 owned: Set<Int>?, buildMissing: Bool = true) throws -> (maps: [Int: GapMap], reused: Int) {
        let wanted = items.indices.filter { owned?.contains($0) ?? true }
        var found: [Int: GapMap] = [:]
        var keys: [Int: String] = [:]
        if stores.keyed {
            keys = GapCache.keys(study: inputs.study, origins: inputs.origins, applies: inputs.applies, items: items,
                                 tolerance: inputs.simplifyTolerance, unitKeys: unitKeys)
            for i in wanted { if let m = stores.loadGap(keys[i]!, item: items[i]) { found[i] = m } }
        }
        let missing = wanted.filter { found[$0] == nil }
        if !buildMissing, let i = missing.first {
            throw MergeError.missingGapMap(item: items[i].id, shard: ShardSpec.owner(ofItem: i, shards: max(1, stores.shards.count)))
        }
        let built = try GapMaps.build(inputs, indices: missing)
        if stores.keyed {
            for (i, m) in built {
                if let cache = stores.cache { try GapCache.store(cache.entries, key: keys[i]!, m) }
                if let parts = stores.parts { try GapCache.store(parts, key: keys[i]!, m) }
            }
            if let parts = stores.parts { for (i, m) in found { try GapCache.store(parts, key: keys[i]!, m) } }
        }
        return (found.merging(built) { a, _ in a }, found.count)
    }
}
