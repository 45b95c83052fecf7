import CircleCoverage
import CircleEngine
import CircleGraph
import Foundation

/// `circle-bench hierarchy CACHE [--runs N]`: per mode, the contraction time and size, then one
/// multi-source search (300 seeded sources, the horizon's bound) by the bucket-queue Dijkstra and
/// by PHAST, medians of N runs, and a check that both give the same labels.
enum HierarchyBench {
    static func run(cache: String, runs: Int) async throws {
        let loaded = try await NetworkLoader.load(path: cache)
        if let spec = ProcessInfo.processInfo.environment["CH_TUNINGS"] {
            // Each tuning as witness,simulation,edge,neighbour,level,update(0/1); separated by ';'.
            let network = loaded.networks.walk
            let weights = ArcWeights(network).backward
            let limit = Centimetres.from(metres: 2000)
            let search = MultiSourceSearch(nodeCount: network.nodes.count)
            let sources = (0..<300).map { k in (node: UInt32((k * 7919) % network.nodes.count), label: UInt32(0)) }
            for t in spec.split(separator: ";") {
                let f = t.split(separator: ",").map { Int64($0)! }
                let tuning = ContractionHierarchy.Tuning(witnessSettleLimit: Int(f[0]), simulationSettleLimit: Int(f[1]), edgeWeight: f[2],
                                                         neighbourWeight: f[3], levelWeight: f[4], updateNeighbours: f[5] != 0)
                let (h, seconds) = measure { ContractionHierarchy.build(graph: network.backward, weights: weights, tuning: tuning) }
                var times: [Double] = []
                for _ in 0..<runs { times.append(measure { search.run(hierarchy: h, sources: sources, limit: limit) }.1) }
                times.sort()
                print(String(format: "tuning %@: %.2f arcs/node, contraction %.2f s, PHAST %.2f ms", String(t),
                             Double(h.arcCount) / Double(network.nodes.count), seconds, times[runs / 2] * 1e3))
            }
            return
        }
        for (mode, metres) in [(TravelMode.walk, 2000.0), (.cycle, 6000.0)] {
            var network = loaded.networks[mode]
            let stored = network.hierarchy
            network.hierarchy = nil
            // CH_STORED=1: time the searches on the cache's own hierarchy instead of contracting again.
            let (h, buildSeconds) = ProcessInfo.processInfo.environment["CH_STORED"] == "1" && stored != nil
                ? (stored!, 0) : measure { SearchNetwork.hierarchy(for: network) }
            let weights = ArcWeights(network).backward
            let limit = Centimetres.from(metres: metres)
            let n = network.nodes.count
            var state: UInt64 = 7
            func below(_ k: Int) -> Int {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Int((state >> 17) % UInt64(k))
            }
            let dijkstra = MultiSourceSearch(nodeCount: n), phast = MultiSourceSearch(nodeCount: n)
            for sourceCount in [1, 30, 300, 3000] {
                let sources = (0..<sourceCount).map { _ in (node: UInt32(below(n)), label: UInt32(below(5000))) }
                var td: [Double] = [], tp: [Double] = []
                for _ in 0..<runs {
                    td.append(measure { dijkstra.run(graph: network.backward, weights: weights, sources: sources, limit: limit) }.1)
                    tp.append(measure { phast.run(hierarchy: h, sources: sources, limit: limit) }.1)
                }
                let scans = dijkstra.scanCount
                let same = dijkstra.labels() == phast.labels()
                td.sort(); tp.sort()
                print(String(format: "%@ %d sources: Dijkstra %.2f ms (%d scans, %.0f ns/scan), PHAST %.2f ms; ratio %.1fx; labels equal: %@",
                             mode.rawValue, sourceCount, td[runs / 2] * 1e3, scans, td[runs / 2] * 1e9 / Double(max(scans, 1)),
                             tp[runs / 2] * 1e3, td[runs / 2] / tp[runs / 2], same ? "yes" : "NO"))
            }
            print(String(format: "%@: %d nodes, %d arcs; hierarchy %d arcs (%.2f per node), contraction %.2f s; equal to the cache's: %@",
                         mode.rawValue, n, network.backward.arcCount, h.arcCount, Double(h.arcCount) / Double(max(n, 1)),
                         buildSeconds, stored == nil ? "no hierarchy in the cache" : (stored == h ? "yes" : "no")))
        }
    }
}
