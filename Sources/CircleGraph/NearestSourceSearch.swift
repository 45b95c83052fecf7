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
/// Two ways to run it, with equal results: a Dijkstra over the graph (``MultiSourceSearch``'s
/// bucket queue on the packed keys), or PHAST over a ``ContractionHierarchy`` of it (the up and
/// down sweeps carry the packed keys; a shortcut adds its weight to the high half). Not
/// thread-safe: one per worker.
public final class NearestSourceSearch {
    /// The number of nodes the search was made for.
    public let nodeCount: Int
    /// Packed (distance, source) per node; valid where `stamp == epoch` (Dijkstra).
    private let key: UnsafeMutablePointer<UInt64>
    private let stamp: UnsafeMutablePointer<UInt32>
    /// The bucket a queued node sits in, or `none`; buckets are intrusive doubly-linked lists.
    private let slot: UnsafeMutablePointer<UInt32>
    private let next: UnsafeMutablePointer<UInt32>
    private let prev: UnsafeMutablePointer<UInt32>
    private var heads: UnsafeMutablePointer<UInt32>
    private var headCapacity = 1
    private var epoch: UInt32 = 0
    private static let none = UInt32.max
    /// PHAST labels by hierarchy position, and the hierarchy's positions, after a PHAST search.
    private var sweep: [UInt64] = []
    private var sweepPosition: [UInt32] = []
    private var swept = false
    /// The bound of the last search.
    public private(set) var limit: UInt32 = 0
    /// A PHAST distance meaning "not within the bound", as in ``MultiSourceSearch``.
    private static let unreached: UInt64 = 0x8000_0000 << 32

    public init(nodeCount: Int) {
        self.nodeCount = nodeCount
        let n = max(nodeCount, 1)
        key = .allocate(capacity: n)
        stamp = .allocate(capacity: n)
        slot = .allocate(capacity: n)
        next = .allocate(capacity: n)
        prev = .allocate(capacity: n)
        key.initialize(repeating: 0, count: n)
        stamp.initialize(repeating: 0, count: n)
        slot.initialize(repeating: Self.none, count: n)
        next.initialize(repeating: Self.none, count: n)
        prev.initialize(repeating: Self.none, count: n)
        heads = .allocate(capacity: 1)
        heads.initialize(to: Self.none)
    }

    deinit {
        key.deallocate()
        stamp.deallocate()
        slot.deallocate()
        next.deallocate()
        prev.deallocate()
        heads.deallocate()
    }

    /// A start of the search: a node, its starting distance, and the source it belongs to.
    public typealias Seed = (node: UInt32, label: UInt32, source: UInt32)

    /// Dijkstra from `sources` over `graph` with `weights`: every node's shortest distance from
    /// any source (up to `limit`) and the lowest-numbered source at that distance. The queue is
    /// ``MultiSourceSearch``'s: buckets `bucketWidth` units of distance wide, label-correcting
    /// inside a bucket on the packed keys, so the result is exact for any width.
    public func run(graph: CSRGraph, weights: [UInt32], sources: [Seed], limit: UInt32, bucketWidth: UInt32 = 100) {
        precondition(graph.nodeCount == nodeCount && weights.count == graph.arcCount && bucketWidth > 0)
        if epoch == .max {
            stamp.update(repeating: 0, count: max(nodeCount, 1))
            epoch = 0
        }
        epoch += 1
        self.limit = limit
        swept = false
        let bucketCount = Int(limit / bucketWidth) + 1
        if bucketCount > headCapacity {
            heads.deallocate()
            heads = .allocate(capacity: bucketCount)
            heads.initialize(repeating: Self.none, count: bucketCount)
            headCapacity = bucketCount
        }
        for s in sources where s.label <= limit { relax(s.node, UInt64(s.label) << 32 | UInt64(s.source), bucketWidth) }
        let bound = UInt64(limit) << 32 | 0xFFFF_FFFF
        graph.firstOut.withUnsafeBufferPointer { first in
            graph.head.withUnsafeBufferPointer { head in
                weights.withUnsafeBufferPointer { weight in
                    for b in 0..<bucketCount {
                        while heads[b] != Self.none {
                            let v = Int(heads[b])
                            unlink(v)
                            let k = key[v]
                            for a in Int(first[v])..<Int(first[v + 1]) {
                                let nk = k &+ (UInt64(weight[a]) << 32)
                                if nk <= bound { relax(head[a], nk, bucketWidth) }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private func relax(_ node: UInt32, _ k: UInt64, _ width: UInt32) {
        let v = Int(node)
        if stamp[v] == epoch {
            if key[v] <= k { return }
            if slot[v] != Self.none { unlink(v) }
        } else {
            stamp[v] = epoch
        }
        key[v] = k
        let b = UInt32(truncatingIfNeeded: k >> 32) / width
        slot[v] = b
        let h = heads[Int(b)]
        next[v] = h
        prev[v] = Self.none
        if h != Self.none { prev[Int(h)] = node }
        heads[Int(b)] = node
    }

    @inline(__always)
    private func unlink(_ v: Int) {
        let n = next[v], p = prev[v]
        if p == Self.none { heads[Int(slot[v])] = n } else { next[Int(p)] = n }
        if n != Self.none { prev[Int(n)] = p }
        slot[v] = Self.none
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
