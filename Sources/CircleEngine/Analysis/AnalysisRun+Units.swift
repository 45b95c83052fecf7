import CircleCatalog
import CircleCoverage
import CircleGraph
import CircleSupport
import Foundation

/// Where a run finds and keeps unit results and gap maps: the search cache (`--cache`), the
/// shards' folders a merge reads, and the folder a shard writes.
///
/// A unit's result is kept in two entries: `KEY.unit`, the times of the mode's origins (all that
/// scoring reads), and `KEY.cells`, those of its gap cells (read only when the item's gap map
/// must be drawn again). A rerun after one item changed thus reads a few megabytes, not every
/// unit's cells.
struct ResultStores {
    var cache: SearchCache?
    /// Read by a merge, in shard order.
    var shards: [EntryFolder] = []
    /// Written by a shard: every unit (origins' times) and gap map it owns, computed or reused.
    var parts: EntryFolder?

    var keyed: Bool { cache != nil || !shards.isEmpty || parts != nil }
    var readable: [EntryFolder] { (cache.map { [$0.entries] } ?? []) + shards }

    /// A unit's times for the mode's `split` origins, then, when `withCells`, its `total - split`
    /// cells. Nil when absent (or of other sizes).
    func loadUnit(_ key: String, split: Int, total: Int, withCells: Bool) -> [UInt32]? {
        guard var values = readable.lazy.compactMap({ $0.loadUnit(key, suffix: "unit") }).first(where: { $0.count == split })
        else { return nil }
        guard withCells, total > split else { return values }
        guard let cells = readable.lazy.compactMap({ $0.loadUnit(key, suffix: "cells") })
            .first(where: { $0.count == total - split }) else { return nil }
        values += cells
        return values
    }

    func loadGap(_ key: String, item: Item) -> GapMap? {
        readable.lazy.compactMap { GapCache.load($0, key: key, item: item) }.first
    }
}

/// The searches' results: `centimetres[item][point]` (origins, then gap cells), how many units
/// were run and reused, and the gap maps found stored.
struct Searched {
    var centimetres: [[UInt32]]
    var computed: Int
    var reused: Int
    /// `applies[origin][item]`.
    var applies: [[Bool]]
    /// Each item's gap-map key (when results are kept), and the maps found under them.
    var gapKeys: [Int: String]
    var storedMaps: [Int: GapMap]
    /// The items whose gap map must be drawn: only their rows of `centimetres` go on past the
    /// origins to the cells.
    var drawn: [Int]
    /// The nearest facilities the searches found on the way (for facility catchments).
    var nearest = SearchedNearest()
}

extension AnalysisRun {
    /// Runs (or takes from the stores) the units of the `owned` items (nil: all), after looking
    /// up their gap maps. With `searchMissing` false (a merge) every unit and map must come
    /// from the stores.
    /// With `keepNearest`, units searched by Dijkstra keep each origin's nearest facility too
    /// (``Searched/nearest``, for facility catchments).
    func search(_ p: Prepared, stores: ResultStores, owned: Set<Int>?, searchMissing: Bool = true,
                keepNearest: Bool = false) throws -> Searched {
        let wantedItems = items.indices.filter { owned?.contains($0) ?? true }
        let applies = timed("score") { appliesTable(p.origins) }
        var gapKeys: [Int: String] = [:], stored: [Int: GapMap] = [:]
        if let study = p.study, stores.keyed {
            gapKeys = timed("gap maps") {
                GapCache.keys(study: study, origins: p.origins, applies: applies, items: items,
                              tolerance: gapTolerance, unitKeys: p.unitKeys)
            }
            timed("gap maps") { for i in wantedItems { if let m = stores.loadGap(gapKeys[i]!, item: items[i]) { stored[i] = m } } }
        }
        let drawn = p.study == nil ? [] : wantedItems.filter { stored[$0] == nil }
        if !searchMissing, let i = drawn.first {
            throw MergeError.missingGapMap(item: items[i].id, shard: ShardSpec.owner(ofItem: i, shards: max(1, stores.shards.count)))
        }
        let drawnSet = Set(drawn)
        let wanted = p.units.filter { owned?.contains($0.item) ?? true }
        var reuse: [CoverageSearch.Unit: [UInt32]] = [:]
        timed("search") {
            for unit in wanted {
                guard let key = p.unitKeys[unit], let split = p.originPoints[unit.mode] else { continue }
                if let v = stores.loadUnit(key, split: split, total: p.allPoints[unit.mode]!, withCells: drawnSet.contains(unit.item)) {
                    reuse[unit] = v
                }
            }
        }
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
        let (nearestRequest, nearestFound) = keepNearest ? SearchedNearest.request(p) : (nil, SearchedNearest())
        let progressLog = log
        let (centimetres, units) = timed("search") {
            CoverageSearch(networks: p.nets).run(
                origins: p.points, facilities: p.perItem, reuse: reuse, only: searchMissing ? owned : [],
                keep: items.indices.map { drawnSet.contains($0) ? p.points.count : p.origins.count },
                nearest: keepNearest ? nearestRequest : nil, unitResult: unitsCollector,
                progress: { done, total in progressLog.progress("searches", done: done, total: total) })
        }
        try timed("store results") {
            for case let (unit, values)? in fresh.values {
                guard let key = p.unitKeys[unit], let split = p.originPoints[unit.mode] else { continue }
                if let cache = stores.cache { try cache.entries.storeUnit(key, values, split: split) }
                try stores.parts?.storeUnit(key, values, split: split, withCells: false)
            }
            if let parts = stores.parts {
                for (unit, values) in reuse {
                    try parts.storeUnit(p.unitKeys[unit]!, values, split: p.originPoints[unit.mode]!, withCells: false)
                }
            }
        }
        return Searched(centimetres: centimetres, computed: units.count, reused: wanted.count - units.count,
                        applies: applies, gapKeys: gapKeys, storedMaps: stored, drawn: drawn, nearest: nearestFound)
    }

    /// The gap maps of the searched items: those found stored, the others drawn (and stored).
    /// A shard also copies the stored ones into its folder.
    func gapMaps(_ inputs: GapMaps.Inputs, searched: Searched, stores: ResultStores) throws -> [Int: GapMap] {
        let built = try GapMaps.build(inputs, indices: searched.drawn)
        if stores.keyed {
            for (i, m) in built {
                if let cache = stores.cache { try GapCache.store(cache.entries, key: searched.gapKeys[i]!, m) }
                if let parts = stores.parts { try GapCache.store(parts, key: searched.gapKeys[i]!, m) }
            }
            if let parts = stores.parts {
                for (i, m) in searched.storedMaps { try GapCache.store(parts, key: searched.gapKeys[i]!, m) }
            }
        }
        return searched.storedMaps.merging(built) { a, _ in a }
    }
}
