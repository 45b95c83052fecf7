import CircleCoverage
import CircleSupport
import Foundation

/// Each (item, mode) unit's nearest facilities — what facilities.csv's catchments are counted
/// from — kept in the search cache (`KEY.nearest`), so that a cached rerun or a scenario searches
/// again only the units whose facilities changed. KEY is a SHA-256 of the unit's search key
/// (network, rules, snapping and search parameters, the mode's origins and gap cells, the item's
/// snapped facilities; ``SearchCache``) and of the searched points with the facility each belongs
/// to, in the order searched (which breaks ties between equally near facilities), and of the
/// origins read (those the item covers; by their 128-bit digest, two XXH64 of different seeds:
/// a city's units read hundreds of thousands of origins, which SHA-256 took tens of milliseconds
/// over in every cached run).
enum NearestCache {
    static let suffix = "nearest"

    /// The key of a unit searched from `points`, `owners[k]` the facility of `points[k]`, read at
    /// `origins` (their numbers in the run's origin list).
    static func key(unitKey: String, points: [SnappedPoint], owners: [UInt32], origins: [Int]) -> String {
        var w = BinaryWriter()
        w.write(bytes: Array("nearest-v2|\(unitKey)|".utf8))
        w.write(array: SearchCache.fields(points))
        w.write(array: owners)
        let read = origins.map { UInt32($0) }
        read.withUnsafeBytes { bytes in
            w.write(array: [UInt64(read.count), xxHash64(bytes, seed: 0x0_2161_4E5), xxHash64(bytes, seed: 0xCA7C_4E5)])
        }
        return SHA256.hex(w.data.withUnsafeBytes { SHA256.hash($0) })
    }

    struct DamagedEntry: Error {}

    /// The stored result for `count` origins; nil when absent, damaged or of another size.
    static func load(_ folder: EntryFolder, key: String, count: Int) -> [NearestFacility.Nearest?]? {
        folder.loadPayload(key, suffix: suffix) { r -> [NearestFacility.Nearest?] in
            let distance: [UInt32] = try r.readArray(), facility: [UInt32] = try r.readArray()
            guard distance.count == count, facility.count == count else { throw DamagedEntry() }
            return zip(distance, facility).map { d, f in
                d == .max && f == .max ? nil : NearestFacility.Nearest(centimetres: d, facility: f)
            }
        }
    }

    /// Stores a unit's result (nil: no facility within the horizon, kept as two `UInt32.max`).
    static func store(_ folder: EntryFolder, key: String, _ found: [NearestFacility.Nearest?]) throws {
        var w = BinaryWriter()
        w.write(array: found.map { $0?.centimetres ?? .max })
        w.write(array: found.map { $0?.facility ?? .max })
        try folder.storePayload(w.data, key: key, suffix: suffix)
    }
}
