import CircleReport
import CircleSupport
import Foundation

/// The report basemap's water and green areas (``BaseLand``) kept in the search cache
/// (`KEY.baseland`), so that a cached rerun does not read the OSM file again only to draw them.
/// KEY is a SHA-256 of the OSM file's content (its digest comes from the cache's `digests.tsv`
/// while the file is unchanged), the tags read and the tool version (which fixes the rules).
enum BaseLandCache {
    static let suffix = "baseland"

    /// The basemap of `osm`'s file: stored, or read (and stored). Without a cache, or when the
    /// file is gone, as ``BaseLand/read(_:)`` gives it.
    static func read(_ osm: OSMFeatureSource, cache: EntryFolder?) -> (water: [[ReportPosition]], green: [[ReportPosition]]) {
        guard let cache, osm.exists, let sha = try? sha256Hex(ofFileAt: osm.path) else { return BaseLand.read(osm) }
        let text = "baseland-v1|\(circleVersion)|\(sha)|\(BaseLand.keys.joined(separator: ","))"
        let key = SHA256.hex(SHA256.hash(Array(text.utf8)))
        if let stored = load(cache, key: key) { return stored }
        let data = try? osm.features()
        let base = BaseLand.rings(data)
        // A file that could not be read gives an empty basemap: not kept, so it is read again.
        if data != nil { try? store(cache, key: key, base) }
        return base
    }

    struct DamagedEntry: Error {}

    static func load(_ folder: EntryFolder, key: String) -> (water: [[ReportPosition]], green: [[ReportPosition]])? {
        folder.loadPayload(key, suffix: suffix) { r in
            func rings() throws -> [[ReportPosition]] {
                let counts: [UInt64] = try r.readArray(), lon: [Double] = try r.readArray(), lat: [Double] = try r.readArray()
                guard lon.count == lat.count, counts.reduce(0, +) == UInt64(lon.count) else { throw DamagedEntry() }
                var out: [[ReportPosition]] = [], start = 0
                out.reserveCapacity(counts.count)
                for n in counts {
                    out.append((start..<(start + Int(n))).map { ReportPosition(lon[$0], lat[$0]) })
                    start += Int(n)
                }
                return out
            }
            return (water: try rings(), green: try rings())
        }
    }

    static func store(_ folder: EntryFolder, key: String, _ base: (water: [[ReportPosition]], green: [[ReportPosition]])) throws {
        var w = BinaryWriter()
        for rings in [base.water, base.green] {
            w.write(array: rings.map { UInt64($0.count) })
            w.write(array: rings.flatMap { $0.map(\.lon) })
            w.write(array: rings.flatMap { $0.map(\.lat) })
        }
        try folder.storePayload(w.data, key: key, suffix: suffix)
    }
}
