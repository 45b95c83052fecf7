import CircleCatalog
import CircleGraph
import Foundation

/// Each origin's inputs digested once for the three files that show an origin a row (times.csv,
/// origins.csv, origins.geojson, ``RowMemo``): every field read from the origins file, how it
/// snapped, which items apply to it and its minutes to each of those. Its scores are not in it:
/// they follow from these and the scored items (id, domain, kind, reach), which each file's fixed
/// inputs hold (``addScoring(_:)``). One pass over a city's origins instead of one per file, and
/// none of them reads a score (a dictionary look-up per domain and origin).
///
/// Made once, by the first file that asks (the others wait for it); the tables given must be
/// those the files are made from (the scored and unscored tables of a run share all of it).
final class OriginRowDigests: @unchecked Sendable {
    private let lock = NSLock()
    private var made: [UInt64]?
    let tables: RunTables

    init(_ tables: RunTables) { self.tables = tables }

    /// Two digests per origin, origin after origin.
    var values: [UInt64] {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let values = Self.make(tables)
        made = values
        return values
    }

    static func make(_ t: RunTables) -> [UInt64] {
        RowMemo.digestRows(t.origins.count) { o, d in
            let origin = t.origins[o]
            d.add(origin.id)
            d.add(origin.name)
            d.add(origin.kind.rawValue)
            d.add(origin.subdistrict)
            d.add(origin.areaClass)
            d.add(origin.areaClassSource)
            d.add(origin.mode.rawValue)
            d.add(origin.population)
            d.add(origin.lon)
            d.add(origin.lat)
            d.add(t.snaps[o].status.rawValue)
            d.add(t.snaps[o].accessDistance)
            t.scoredOrigins[o].applies.withUnsafeBufferPointer { applies in
                d.add(applies.count)
                t.minutes.withUnsafeBufferPointer { minutes in
                    for i in applies.indices {
                        d.add(applies[i])
                        if applies[i] { d.add(minutes[i][o]) }
                    }
                }
            }
        }
    }

    /// Adds to a file's fixed inputs what turns an origin's inputs into its scores: the scored
    /// items (id, domain, whether basic or X, reach) in order.
    static func addScoring(_ t: RunTables, to d: inout RowDigester) {
        d.add("origin-row-digests-v1")
        d.add(t.items.count)
        for item in t.items {
            d.add(item.id)
            d.add(item.domain)
            d.add(t.catalog.kind(of: item)?.rawValue ?? "")
            d.add(item.reachMinutes)
        }
    }
}
