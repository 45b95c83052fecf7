import CircleGraph
import CircleOSM
import CircleSupport
import Foundation
import Testing

@Suite struct GraphCacheTests {
    func fingerprint(_ path: String) throws -> InputFingerprint { try InputFingerprint.of(path: path) }

    @Test func roundTripIsExact() async throws {
        let dir = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let networks = try await Fixtures.networks(Fixtures.helsinki)
        let cache = dir.appendingPathComponent("h.scgraph").path
        try GraphCache.write(networks, input: fingerprint(Fixtures.helsinki), options: NetworkOptions(),
                             toolVersion: "test", to: cache)
        #expect(GraphCache.isCache(path: cache))
        #expect(!GraphCache.isCache(path: Fixtures.helsinki))
        let (loaded, header) = try GraphCache.load(path: cache, options: NetworkOptions())
        #expect(loaded == networks)
        #expect(header.inputSHA256 == (try sha256Hex(ofFileAt: Fixtures.helsinki)))
        // Different options make it stale.
        #expect(throws: OSMError.self) { try GraphCache.load(path: cache, options: NetworkOptions(minEligibleNodes: 7)) }
    }

    @Test func corruptionIsRefused() async throws {
        let dir = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let networks = try await Fixtures.networks(Fixtures.osm("split_shared"))
        let cache = dir.appendingPathComponent("c.scgraph").path
        try GraphCache.write(networks, input: fingerprint(Fixtures.osm("split_shared")), options: NetworkOptions(),
                             toolVersion: "test", to: cache)
        let good = try Data(contentsOf: URL(fileURLWithPath: cache))
        func refused(_ bytes: Data, _ expected: String) {
            try? bytes.write(to: URL(fileURLWithPath: cache))
            do {
                _ = try GraphCache.load(path: cache, options: NetworkOptions())
                Issue.record("accepted a bad cache (\(expected))")
            } catch let error as OSMError {
                #expect(error.path == cache)
                #expect(error.problem.contains(expected), "\(error.problem)")
            } catch { Issue.record("unexpected \(error)") }
        }
        var flipped = good
        flipped[good.count - 9] ^= 0x40
        refused(flipped, "checksum")
        refused(good.prefix(good.count - 100), "truncated")
        refused(good.prefix(10), "corrupt")
        var wrongVersion = good
        wrongVersion[8] = 99
        refused(wrongVersion, "format version")
        refused(Data("not a cache at all, just text".utf8), "not a ServiceCircle graph cache")
    }

    @Test func staleInputIsRefused() async throws {
        let dir = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let osm = dir.appendingPathComponent("net.osm").path
        try FileManager.default.copyItem(atPath: Fixtures.osm("trunk"), toPath: osm)
        let networks = try await Fixtures.networks(osm)
        let cache = dir.appendingPathComponent("t.scgraph").path
        try GraphCache.write(networks, input: fingerprint(osm), options: NetworkOptions(), toolVersion: "test", to: cache)
        _ = try GraphCache.load(path: cache, options: NetworkOptions())
        // Touching the file without changing it is fine (the SHA-256 still matches).
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: osm)
        _ = try GraphCache.load(path: cache, options: NetworkOptions())
        // Changing its content makes the cache stale.
        let text = try String(contentsOfFile: osm, encoding: .utf8).replacingOccurrences(of: "trunk_link", with: "primary_link")
        try text.write(toFile: osm, atomically: true, encoding: .utf8)
        #expect {
            _ = try GraphCache.load(path: cache, options: NetworkOptions())
        } throws: { ($0 as? OSMError)?.problem.contains("changed since") == true }
    }

    /// A cache built under the old network rules (version 1: longer parallel edges dropped) is
    /// stale: its fingerprint is not this build's, and the load says to rebuild it.
    @Test func cacheOfOlderNetworkRulesIsRefused() async throws {
        #expect(GraphCache.networkRulesVersion == 2)
        let dir = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let networks = try await Fixtures.networks(Fixtures.osm("parallel_edges"))
        let cache = dir.appendingPathComponent("p.scgraph").path
        try GraphCache.write(networks, input: fingerprint(Fixtures.osm("parallel_edges")), options: NetworkOptions(),
                             toolVersion: "test", to: cache)
        // Put another fingerprint of the same length in the header (the checksum covers the payload only).
        let good = try Data(contentsOf: URL(fileURLWithPath: cache))
        let current = Data(GraphCache.profileFingerprint.utf8)
        let at = try #require(good.range(of: current))
        var old = good
        old.replaceSubrange(at, with: Data(String(repeating: "0", count: current.count).utf8))
        try old.write(to: URL(fileURLWithPath: cache))
        #expect {
            _ = try GraphCache.load(path: cache, options: NetworkOptions())
        } throws: { ($0 as? OSMError)?.problem.contains("other network rules") == true }
    }

    /// Format 2 keeps each network's contraction hierarchy; a cache of format 1 (none) is stale,
    /// and a hierarchy whose arrays do not fit together is refused as corrupt.
    @Test func hierarchyRoundTripsAndIsChecked() async throws {
        #expect(GraphCache.formatVersion == 2)
        let dir = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var networks = try await Fixtures.networks(Fixtures.helsinki)
        for mode in [TravelMode.walk, .cycle] {
            let n = networks[mode]
            let h = ContractionHierarchy.build(graph: n.backward, weights: n.backward.edge.map { UInt32(n.edges.length[Int($0)] * 100) })
            if mode == .walk { networks.walk.hierarchy = h } else { networks.cycle.hierarchy = h }
        }
        let cache = dir.appendingPathComponent("h.scgraph").path
        let plain = dir.appendingPathComponent("plain.scgraph").path
        try GraphCache.write(try await Fixtures.networks(Fixtures.helsinki), input: fingerprint(Fixtures.helsinki),
                             options: NetworkOptions(), toolVersion: "test", to: plain)
        try GraphCache.write(networks, input: fingerprint(Fixtures.helsinki), options: NetworkOptions(),
                             toolVersion: "test", to: cache)
        // Run fingerprints know a cache by its header: another payload, another identity.
        let identity = try #require(GraphCache.identity(path: cache))
        #expect(GraphCache.identity(path: plain) != nil && GraphCache.identity(path: plain) != identity)
        #expect(GraphCache.identity(path: Fixtures.helsinki) == nil)
        let (loaded, _) = try GraphCache.load(path: cache, options: NetworkOptions())
        #expect(loaded == networks)
        #expect(loaded.walk.hierarchy != nil && loaded.cycle.hierarchy?.nodeCount == networks.cycle.nodes.count)

        var older = try Data(contentsOf: URL(fileURLWithPath: cache))
        older[8] = 1
        try older.write(to: URL(fileURLWithPath: cache))
        #expect {
            _ = try GraphCache.load(path: cache, options: NetworkOptions())
        } throws: { ($0 as? OSMError)?.problem.contains("format version 1") == true }

        var damaged = networks
        damaged.walk.hierarchy!.downArcs[0] = UInt32(damaged.walk.nodes.count + 5)   // a tail that is no node
        try GraphCache.write(damaged, input: fingerprint(Fixtures.helsinki), options: NetworkOptions(),
                             toolVersion: "test", to: cache)
        #expect {
            _ = try GraphCache.load(path: cache, options: NetworkOptions())
        } throws: { ($0 as? OSMError)?.problem.contains("inconsistent contraction hierarchy") == true }
    }
}
