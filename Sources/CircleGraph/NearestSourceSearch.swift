/// A bounded multi-source search that also says, for every node reached, WHICH source its
/// shortest distance comes from: the search ``MultiSourceSearch`` runs, with each label carrying
/// its source along (label propagation). Kept apart from ``MultiSourceSearch`` so that a search
/// that does not ask for sources costs exactly what it did.
///
/// Labels are ordered by (distance, source): of several sources at the same shortest distance the
/// lower source number wins, at every node and whatever the order of the arcs. Both are packed in
/// one 64-bit key (distance in the high half, source in the low half), so one comparison orders
/// them and the distances are exactly those ``MultiSourceSearch`` finds.
///
/// Two ways to run it, with equal results: a Dijkstra over the graph (binary heap on the packed
/// keys), or PHAST over a ``ContractionHierarchy`` of it (the up and down sweeps carry the packed
/// keys; a shortcut adds its weight to the high half). Not thread-safe: one per worker.
public final class NearestSourceSearch {
    /// The number of nodes the search was made for.
    public let nodeCount: Int
    /// Packed (distance, source) per node; valid where `stamp == epoch` (Dijkstra) or by
    /// hierarchy position (PHAST).
    private var key: [UInt64]
    private var stamp: [UInt32]
    private var epoch: UInt32 = 0
    private var heap: [(key: UInt64, node: UInt32)] = []
    private var sweep: [UInt64] = []
    private var sweepPosition: [UInt32] = []
    private var swept = false
    /// The bound of the last search.
    public private(set) var limit: UInt32 = 0
    /// A PHAST distance meaning "not within the bound", as in ``MultiSourceSearch``.
    private static let unreached: UInt64 = 0x8000_0000 << 32

    public init(nodeCount: Int) {
        self.nodeCount = nodeCount
        key = [UInt64](repeating: 0, count: nodeCount)
        stamp = [UInt32](repeating: 0, count: nodeCount)
    }

    /// A start of the search: a node, its starting distance, and the source it belongs to.
    public typealias Seed = (node: UInt32, label: UInt32, source: UInt32)

    /// Dijkstra from `sources` over `graph` with `weights`: every node's shortest distance from
    /// any source (up to `limit`) and the lowest-numbered source at that distance.
    public func run(graph: CSRGraph, weights: [UInt32], sources: [Seed], limit: UInt32) {
        precondition(graph.nodeCount == nodeCount && weights.count == graph.arcCount)
        if epoch == .max {
            for v in stamp.indices { stamp[v] = 0 }
            epoch = 0
        }
        epoch += 1
        self.limit = limit
        swept = false
        let e = epoch
        var heap = BinaryHeap(storage: self.heap)
        self.heap = []
        let bound = UInt64(limit) << 32 | 0xFFFF_FFFF
        key.withUnsafeMutableBufferPointer { key in
            stamp.withUnsafeMutableBufferPointer { stamp in
                @inline(__always) func offer(_ node: UInt32, _ k: UInt64) {
                    let v = Int(node)
                    if stamp[v] == e {
                        if key[v] <= k { return }
                    } else {
                        stamp[v] = e
                    }
                    key[v] = k
                    heap.push(k, node)
                }
                for s in sources where s.label <= limit { offer(s.node, UInt64(s.label) << 32 | UInt64(s.source)) }
                graph.firstOut.withUnsafeBufferPointer { first in
                    graph.head.withUnsafeBufferPointer { head in
                        weights.withUnsafeBufferPointer { weight in
                            while let top = heap.pop() {
                                let v = Int(top.node)
                                guard key[v] == top.key else { continue }   // a stale entry
                                for a in Int(first[v])..<Int(first[v + 1]) {
                                    let next = top.key &+ (UInt64(weight[a]) << 32)
                                    if next <= bound { offer(head[a], next) }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.heap = heap.storage
    }

    /// PHAST over `hierarchy` (a contraction hierarchy of the graph and weights the Dijkstra
    /// would be given): the same distances and sources.
    ///
    /// - Precondition: `limit <= ContractionHierarchy.weightCap`.
    public func run(hierarchy h: ContractionHierarchy, sources: [Seed], limit: UInt32) {
        precondition(h.nodeCount == nodeCount && limit <= ContractionHierarchy.weightCap)
        self.limit = limit
        let n = nodeCount
        let none = Self.unreached
        if sweep.count != n { sweep = [UInt64](repeating: none, count: n) } else {
            for p in 0..<n { sweep[p] = none }
        }
        sweepPosition = h.position
        for s in sources where s.label <= limit {
            let p = Int(h.position[Int(s.node)])
            sweep[p] = min(sweep[p], UInt64(s.label) << 32 | UInt64(s.source))
        }
        let bound = UInt64(limit) << 32 | 0xFFFF_FFFF
        sweep.withUnsafeMutableBufferPointer { d in
            // Up: from the lowest rank; arcs come from lower ranks.
            h.upFirst.withUnsafeBufferPointer { first in
                h.upArcs.withUnsafeBufferPointer { arcs in
                    var p = n - 1
                    while p >= 0 {
                        var best = d[p]
                        var a = Int(first[p]) * 2
                        let end = Int(first[p + 1]) * 2
                        while a < end {
                            best = min(best, d[Int(arcs[a])] &+ (UInt64(arcs[a + 1]) << 32))
                            a += 2
                        }
                        d[p] = best <= bound ? best : none
                        p -= 1
                    }
                }
            }
            // Down: from the highest rank; arcs come from higher ranks.
            h.downFirst.withUnsafeBufferPointer { first in
                h.downArcs.withUnsafeBufferPointer { arcs in
                    for p in 0..<n {
                        var best = d[p]
                        var a = Int(first[p]) * 2
                        let end = Int(first[p + 1]) * 2
                        while a < end {
                            best = min(best, d[Int(arcs[a])] &+ (UInt64(arcs[a + 1]) << 32))
                            a += 2
                        }
                        d[p] = best <= bound ? best : none
                    }
                }
            }
        }
        swept = true
    }

    /// The distance of `node` and the source it comes from after the last run, or nil when it
    /// was not reached within the limit.
    @inline(__always)
    public func label(_ node: UInt32) -> (distance: UInt32, source: UInt32)? {
        let v = Int(node)
        let k: UInt64
        if swept {
            k = sweep[Int(sweepPosition[v])]
        } else {
            guard stamp[v] == epoch else { return nil }
            k = key[v]
        }
        let d = UInt32(truncatingIfNeeded: k >> 32)
        return d <= limit ? (d, UInt32(truncatingIfNeeded: k)) : nil
    }
}

/// A binary min-heap of (packed key, node), its storage kept between searches.
private struct BinaryHeap {
    var storage: [(key: UInt64, node: UInt32)]

    init(storage: [(key: UInt64, node: UInt32)]) {
        self.storage = storage
        self.storage.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func push(_ key: UInt64, _ node: UInt32) {
        storage.append((key, node))
        var i = storage.count - 1
        let item = storage[i]
        while i > 0 {
            let parent = (i - 1) / 2
            if storage[parent].key <= item.key { break }
            storage[i] = storage[parent]
            i = parent
        }
        storage[i] = item
    }

    @inline(__always)
    mutating func pop() -> (key: UInt64, node: UInt32)? {
        guard let top = storage.first else { return nil }
        let last = storage.removeLast()
        let n = storage.count
        guard n > 0 else { return top }
        var i = 0
        while true {
            let l = 2 * i + 1
            if l >= n { break }
            let r = l + 1
            let m = r < n && storage[r].key < storage[l].key ? r : l
            if storage[m].key >= last.key { break }
            storage[i] = storage[m]
            i = m
        }
        storage[i] = last
        return top
    }
}
