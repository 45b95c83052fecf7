import CircleCatalog
import Foundation

/// What a shard did, for the command line.
public struct ShardResult: Sendable {
    /// The shard's folder in the parts folder.
    public var folder: String
    public var shard: ShardSpec
    /// The item ids it owns.
    public var items: [String]
    public var searchUnits: Int
    public var searchUnitsReused: Int
    public var gapMapsReused: Int
}

extension AnalysisRun {
    /// One shard: prepares like every shard, searches and draws the gap maps of the items it
    /// owns, and publishes them with `shard.json` as `PARTS/shard-K-of-N/`.
    mutating func executeShard(_ spec: ShardSpec) async throws -> ShardResult {
        let stores = try stores()
        let p = try await prepare(stores)
        let owned = spec.items(of: items.count)
        log.stage("shard \(spec): searching \(owned.count) of \(items.count) items")
        let searched = try search(p, stores: stores, owned: Set(owned))
        if let study = p.study, !owned.isEmpty {
            log.stage("shard \(spec): gap maps")
            // Only the owned items' minutes are known here; their scores are all the gap maps read.
            let run = timed("score") {
                score(origins: p.origins, snaps: p.originSnaps,
                      minutes: p.originMinutes(searched.centimetres, horizon: catalog.horizonMinutes),
                      applies: searched.applies)
            }
            let inputs = gapInputs(p, study: study, run: run, searched: searched)
            _ = try timed("gap maps") { try gapMaps(inputs, searched: searched, stores: stores) }
        }
        let gapMapsReused = searched.storedMaps.count
        let cwd = FileManager.default.currentDirectoryPath
        let inputs = Summary.inputFiles(options, loaded: p.loaded)
        let manifest = ShardManifest(
            format: ShardManifest.formatName, shard: spec.index, shards: spec.count, toolVersion: circleVersion,
            runFingerprint: p.fingerprint, workingDirectory: cwd, options: options, inputs: inputs,
            items: owned.map { items[$0].id }, searchUnits: searched.computed, searchUnitsReused: searched.reused,
            gapMapsReused: gapMapsReused, startedAt: RunRecord.timestamp(started),
            seconds: Date().timeIntervalSince(started), timings: clock.seconds)
        try output.write(try manifest.json(), to: ShardManifest.fileName)
        try output.publish()
        pruneCache(stores)
        for w in warnings { log.warn(w) }
        return ShardResult(folder: output.destination.path, shard: spec, items: manifest.items,
                           searchUnits: searched.computed, searchUnitsReused: searched.reused, gapMapsReused: gapMapsReused)
    }
}
