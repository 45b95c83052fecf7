import Foundation

/// `run.json`: how a run went — when it started, how long each stage took and, for a merged run,
/// what each shard did. It is the one output that differs between two runs of the same inputs and
/// options: every other output file is a function of those alone (byte for byte), so sharded and
/// single-process runs, or a rerun, can be compared with `cmp`.
public struct RunRecord: Codable, Sendable {
    public static let schemaVersion = 1

    /// One shard of a merged run.
    public struct ShardRecord: Codable, Sendable {
        public var shard: String
        public var items: [String]
        public var startedAt: String
        public var seconds: Double
        public var searchUnits: Int
        public var searchUnitsReused: Int
        public var gapMapsReused: Int
        public var timings: [String: Double]
    }

    public var schemaVersion: Int
    /// This run's own id (a UUID): the run history matches it with the outputs in place.
    public var runId: String?
    public var toolVersion: String
    /// The summary's fingerprint of inputs and options.
    public var runFingerprint: String
    /// `single`, `shard` or `merge`.
    public var kind: String
    /// ISO 8601, UTC.
    public var startedAt: String
    /// Wall-clock seconds from start to the outputs being complete.
    public var seconds: Double
    /// Seconds per stage. Some stages run at once (the tables are formatted while the gap maps
    /// are drawn, the report rendered while the gap files are written), so they may add up to
    /// more than `seconds`.
    public var timings: [String: Double]
    /// The shards of a merged run.
    public var shards: [ShardRecord]?

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    static func timestamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// The `runId` of the run.json in `folder`, if any.
    static func token(in folder: String) -> String? {
        let url = URL(fileURLWithPath: folder).appendingPathComponent("run.json")
        guard let data = try? Data(contentsOf: url),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return json["runId"] as? String
    }
}
