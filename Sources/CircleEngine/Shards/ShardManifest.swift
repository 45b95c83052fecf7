import Foundation

/// `shard.json` in a shard's folder (`PARTS/shard-K-of-N/`): what `circle merge` needs to check
/// and combine the shards — the run's options and fingerprint, the working folder the shard ran
/// in (relative paths resolve against it), the inputs' SHA-256 (to name an input changed since),
/// the items it owns and the work it did. Its folder also holds every owned unit's result
/// (`KEY.unit`) and gap map (`KEY.gap`) under the same content keys as the search cache.
struct ShardManifest: Codable, Sendable {
    static let fileName = "shard.json"
    static let formatName = "servicecircle-shard-1"

    var format: String
    var shard: Int
    var shards: Int
    var toolVersion: String
    var runFingerprint: String
    var workingDirectory: String
    var options: AnalysisOptions
    var inputs: [Summary.Input]
    /// The item ids this shard owns, in catalog order.
    var items: [String]
    var searchUnits: Int
    var searchUnitsReused: Int
    var gapMapsReused: Int
    var startedAt: String
    var seconds: Double
    var timings: [String: Double]

    var spec: String { "\(shard)/\(shards)" }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    var record: RunRecord.ShardRecord {
        RunRecord.ShardRecord(shard: spec, items: items, startedAt: startedAt, seconds: seconds, searchUnits: searchUnits,
                              searchUnitsReused: searchUnitsReused, gapMapsReused: gapMapsReused, timings: timings)
    }
}
