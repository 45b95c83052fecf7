import CircleCoverage
import CircleGraph
import CircleOSM
import CircleSupport
import Foundation

/// Networks ready for work, with where they came from.
public struct LoadedNetworks: Sendable {
    public var networks: Networks
    /// The file given: an OSM file or a graph cache.
    public var path: String
    /// Whether `path` was a graph cache.
    public var fromCache: Bool
    /// The OSM input the networks were built from.
    public var inputPath: String
    public var inputSHA256: String
    /// Seconds per stage ("read", "build", "load cache", "fingerprint").
    public var timings: [String: Double]
}

/// Loads the walking and cycling networks from an OSM file or a graph cache (recognised by its
/// first bytes), refusing an unusable network.
public enum NetworkLoader {
    /// Loads networks from `path`.
    ///
    /// - Throws: ``OSMError`` naming the file: missing, not OSM, corrupt, a foreign or stale cache,
    ///   or a network with no walkable way.
    public static func load(path: String, options: NetworkOptions = NetworkOptions(),
                            log: StageLog = StageLog(quiet: true)) async throws -> LoadedNetworks {
        if GraphCache.isCache(path: path) {
            log.stage("loading graph cache \(path)")
            let ((networks, header), seconds) = try measure { try GraphCache.load(path: path, options: options) }
            return LoadedNetworks(networks: networks, path: path, fromCache: true, inputPath: header.inputPath,
                                  inputSHA256: header.inputSHA256, timings: ["load cache": seconds])
        }
        log.stage("reading \(path)")
        let (data, readSeconds) = try measure { try OSMData.read(path: path) }
        log.stage("read \(data.nodeIds.count) nodes, \(data.wayIds.count) highway ways; building networks")
        let (networks, buildSeconds) = await measure { await NetworkBuilder.build(data, options: options) }
        guard networks.walk.edges.count > 0 else {
            throw OSMError(path: path, problem: "contains no walkable way (\(data.wayIds.count) ways with a "
                           + "highway tag, \(data.nodeIds.count) nodes): is it the right extract?")
        }
        let (sha, shaSeconds) = try measure { try sha256Hex(ofFileAt: path) }
        return LoadedNetworks(networks: networks, path: path, fromCache: false, inputPath: path, inputSHA256: sha,
                              timings: ["read": readSeconds, "build": buildSeconds, "fingerprint": shaSeconds])
    }

    /// Reads an OSM file, builds both networks and writes them as a graph cache at `out`, with
    /// each network's contraction hierarchy (PHAST searches) unless `hierarchy` is false: a large
    /// city contracts for minutes, and a cache without hierarchies still searches exactly alike
    /// (by Dijkstra).
    public static func buildCache(network: String, out: String, options: NetworkOptions = NetworkOptions(),
                                  hierarchy: Bool = true,
                                  log: StageLog = StageLog(quiet: true)) async throws -> LoadedNetworks {
        guard !GraphCache.isCache(path: network) else {
            throw OSMError(path: network, problem: "is already a graph cache; give the OSM file it came from")
        }
        try checkCacheTarget(out, network: network)
        var loaded = try await load(path: network, options: options, log: log)
        if hierarchy { contract(&loaded, log: log) }
        let (size, modified) = try InputFingerprint.stat(path: network)
        let input = InputFingerprint(path: URL(fileURLWithPath: network).standardizedFileURL.path, size: size,
                                     modified: modified, sha256: loaded.inputSHA256)
        log.stage("writing graph cache \(out)")
        let (_, seconds) = try measure {
            try GraphCache.write(loaded.networks, input: input, options: options, toolVersion: circleVersion, to: out)
        }
        loaded.timings["write cache"] = seconds
        return loaded
    }

    /// Builds both networks' contraction hierarchies (in parallel), for PHAST searches.
    static func contract(_ loaded: inout LoadedNetworks, log: StageLog) {
        log.stage("contracting the search graphs (contraction hierarchies for PHAST)")
        let networks = loaded.networks
        let (hierarchies, seconds) = measure {
            let slots = ResultSlots<ContractionHierarchy>(count: 2)
            let nets = [networks.walk, networks.cycle]
            DispatchQueue.concurrentPerform(iterations: 2) { k in slots.store(k, SearchNetwork.hierarchy(for: nets[k])) }
            return slots.values.map { $0! }
        }
        loaded.networks.walk.hierarchy = hierarchies[0]
        loaded.networks.cycle.hierarchy = hierarchies[1]
        loaded.timings["contract"] = seconds
    }

    /// `build-graph --out` replaces only a graph cache or nothing: never the OSM input itself, a
    /// folder, or a file that is not a graph cache.
    static func checkCacheTarget(_ out: String, network: String) throws {
        guard !out.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw OutputPlaceError(path: "", reason: "--out is empty: name the graph cache file to write, e.g. --out city.scgraph")
        }
        if OutputPlace.resolved(out) == OutputPlace.resolved(network) {
            throw OutputPlaceError(path: out, reason: "--out is the OSM file --network reads; name another file for the graph cache")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: out, isDirectory: &isDir) else { return }
        if isDir.boolValue {
            throw OutputPlaceError(path: out, reason: "--out is a folder; name the graph cache file to write")
        }
        guard GraphCache.isCache(path: out) else {
            throw OutputPlaceError(path: out, reason: "--out exists and is not a ServiceCircle graph cache, so it would be lost; "
                                   + "name a new file, or remove it yourself")
        }
    }
}
