import CircleGraph
import Testing

/// The bucket-queue search against a plain Dijkstra and by certificate, on seeded random graphs.
@Suite struct MultiSourceSearchTests {
    struct RNG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 17
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// A random directed graph: a ring-ish backbone plus random arcs; weights 0–5000, some zero.
    static func randomGraph(_ rng: inout RNG, nodes n: Int) -> (CSRGraph, [UInt32]) {
        var tails: [UInt32] = [], heads: [UInt32] = [], weights: [UInt32] = []
        for v in 0..<n where rng.below(4) > 0 {
            tails.append(UInt32(v)); heads.append(UInt32((v + 1) % n)); weights.append(UInt32(rng.below(3000)))
        }
        for _ in 0..<(n * 2) {
            tails.append(UInt32(rng.below(n))); heads.append(UInt32(rng.below(n)))
            weights.append(rng.below(10) == 0 ? 0 : UInt32(rng.below(5000)))
        }
        let g = CSRGraph(nodeCount: n, tails: tails, heads: heads, edges: (0..<UInt32(tails.count)).map { $0 })
        // Weights follow the arcs' order in the CSR: the graph's `edge` holds the input index.
        return (g, g.edge.map { weights[Int($0)] })
    }

    /// Textbook Dijkstra with a linear scan for the minimum.
    static func dijkstra(_ g: CSRGraph, _ w: [UInt32], _ sources: [(node: UInt32, label: UInt32)], limit: UInt32) -> [UInt32] {
        var dist = [UInt64](repeating: .max, count: g.nodeCount)
        var done = [Bool](repeating: false, count: g.nodeCount)
        for s in sources where s.label <= limit { dist[Int(s.node)] = min(dist[Int(s.node)], UInt64(s.label)) }
        while let v = (0..<g.nodeCount).filter({ !done[$0] && dist[$0] != .max }).min(by: { dist[$0] < dist[$1] }) {
            done[v] = true
            for a in g.arcs(from: UInt32(v)) {
                let nd = dist[v] + UInt64(w[a])
                if nd <= UInt64(limit) && nd < dist[Int(g.head[a])] { dist[Int(g.head[a])] = nd }
            }
        }
        return dist.map { $0 == .max ? UInt32.max : UInt32($0) }
    }

    @Test func equalsDijkstraOnRandomGraphs() {
        var rng = RNG(state: 2026)
        for round in 0..<300 {
            let n = 2 + rng.below(60)
            let (g, w) = Self.randomGraph(&rng, nodes: n)
            let sources = (0..<(1 + rng.below(4))).map { _ in (node: UInt32(rng.below(n)), label: UInt32(rng.below(2000))) }
            let limit = UInt32(rng.below(20_000))
            let width = [1, 7, 100, 2500, 100_000][round % 5]
            let search = MultiSourceSearch(nodeCount: n)
            search.run(graph: g, weights: w, sources: sources, limit: limit, bucketWidth: UInt32(width))
            #expect(search.labels() == Self.dijkstra(g, w, sources, limit: limit), "round \(round)")
        }
    }

    @Test func certificateOnALargerGraphAndReuse() {
        var rng = RNG(state: 99)
        let n = 20_000
        let (g, w) = Self.randomGraph(&rng, nodes: n)
        let search = MultiSourceSearch(nodeCount: n)
        for round in 0..<5 {  // the same workspace, five searches: epochs must isolate them
            let sources = (0..<50).map { _ in (node: UInt32(rng.below(n)), label: UInt32(rng.below(500))) }
            let limit = UInt32(5000 + round * 3000)
            search.run(graph: g, weights: w, sources: sources, limit: limit)
            let d = search.labels()
            var start = [UInt32](repeating: .max, count: n)
            for s in sources where s.label <= limit { start[Int(s.node)] = min(start[Int(s.node)], s.label) }
            var tight = start.map { $0 != .max }
            for u in 0..<n where d[u] != .max {
                for a in g.arcs(from: UInt32(u)) {
                    let v = Int(g.head[a]), nd = UInt64(d[u]) + UInt64(w[a])
                    guard nd <= UInt64(limit) else { continue }
                    // No arc can shorten a label, and nothing within the limit stays unreached.
                    #expect(d[v] != .max && UInt64(d[v]) <= nd)
                    if UInt64(d[v]) == nd { tight[v] = true }
                }
            }
            for v in 0..<n where d[v] != .max {
                // Every label is achieved: by a tight arc or as a source's own label.
                #expect(tight[v] && (start[v] == .max || d[v] <= start[v]))
            }
        }
    }
}
