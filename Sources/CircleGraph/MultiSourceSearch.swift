/// A reusable, bounded, multi-source shortest-path search over a ``CSRGraph`` with integer arc
/// weights: a bucket queue (buckets `bucketWidth` units wide, kept as intrusive doubly-linked lists
/// so a node sits in at most one bucket; label-correcting inside a bucket, so results are exact
/// for any width) and epoch-stamped labels, so a search costs nothing for the nodes it does not
/// reach and allocates nothing once its bucket array has grown.
///
/// The same object also runs PHAST over a ``ContractionHierarchy`` of the graph
/// (``run(hierarchy:sources:limit:)``): one sweep up and one down over every node, no queue, so a
/// search that reaches most of the graph costs a few nanoseconds per arc; labels read the same way.
///
/// Not thread-safe: give each worker its own search. This file holds the graph core's only
/// unsafe pointer code.
public final class MultiSourceSearch {
    /// The number of nodes the search was made for.
    public let nodeCount: Int
    private let dist: UnsafeMutablePointer<UInt32>
    private let stamp: UnsafeMutablePointer<UInt32>
    /// The bucket a queued node sits in, or `none`.
    private let slot: UnsafeMutablePointer<UInt32>
    private let next: UnsafeMutablePointer<UInt32>
    private let prev: UnsafeMutablePointer<UInt32>
    private var heads: UnsafeMutablePointer<UInt32>
    private var headCapacity = 0
    private var epoch: UInt32 = 0
    private static let none = UInt32.max
    /// Nodes scanned by the last search (a node improved inside its bucket counts twice).
    public private(set) var scanCount = 0
    /// The bound of the last search.
    public private(set) var limit: UInt32 = 0
    /// PHAST labels by hierarchy position (allocated on first use), and the hierarchy's
    /// positions, while the last search was a PHAST search.
    private var sweep: UnsafeMutablePointer<UInt32>?
    /// A copy of the hierarchy's positions (allocated with `sweep`), and whether the last
    /// search was a PHAST search, so that reading a label costs no reference counting.
    private var sweepPosition: UnsafeMutablePointer<UInt32>?
    private var swept = false
    /// A PHAST label meaning "not within the bound": above any bound, and with any arc weight
    /// (at most ``ContractionHierarchy/weightCap``) still below 2³².
    private static let unreached: UInt32 = 0x8000_0000

    public init(nodeCount: Int) {
        self.nodeCount = nodeCount
        let n = max(nodeCount, 1)
        dist = .allocate(capacity: n)
        stamp = .allocate(capacity: n)
        slot = .allocate(capacity: n)
        next = .allocate(capacity: n)
        prev = .allocate(capacity: n)
        dist.initialize(repeating: 0, count: n)
        stamp.initialize(repeating: 0, count: n)
        slot.initialize(repeating: Self.none, count: n)
        next.initialize(repeating: Self.none, count: n)
        prev.initialize(repeating: Self.none, count: n)
        heads = .allocate(capacity: 1)
        heads.initialize(to: Self.none)
        headCapacity = 1
    }

    deinit {
        dist.deallocate()
        stamp.deallocate()
        slot.deallocate()
        next.deallocate()
        prev.deallocate()
        heads.deallocate()
        sweep?.deallocate()
        sweepPosition?.deallocate()
    }

    /// Runs the search: every node's label becomes its shortest distance from any source (the
    /// source's own starting label included), for labels up to `limit`.
    ///
    /// - Parameters:
    ///   - graph: the arcs to follow (a reverse graph gives distances *to* the sources).
    ///   - weights: one weight per arc of `graph`, in the same units as `limit`.
    ///   - sources: start nodes with their starting labels; labels above `limit` are ignored.
    ///   - bucketWidth: units per bucket; any width is exact, a width near the typical arc weight is fastest.
    /// - Complexity: O(reached arcs + limit / bucketWidth).
    public func run(graph: CSRGraph, weights: [UInt32], sources: [(node: UInt32, label: UInt32)],
                    limit: UInt32, bucketWidth: UInt32 = 100) {
        precondition(graph.nodeCount == nodeCount && weights.count == graph.arcCount && bucketWidth > 0)
        nextEpoch()
        self.limit = limit
        swept = false
        let bucketCount = Int(limit / bucketWidth) + 1
        reserveBuckets(bucketCount)
        for s in sources where s.label <= limit { relax(s.node, s.label, bucketWidth) }
        var scans = 0
        graph.firstOut.withUnsafeBufferPointer { first in
            graph.head.withUnsafeBufferPointer { head in
                weights.withUnsafeBufferPointer { weight in
                    for b in 0..<bucketCount {
                        while heads[b] != Self.none {
                            let v = Int(heads[b])
                            unlink(v)
                            scans &+= 1
                            let d = dist[v]
                            for a in Int(first[v])..<Int(first[v + 1]) {
                                let (nd, overflow) = d.addingReportingOverflow(weight[a])
                                if !overflow && nd <= limit { relax(head[a], nd, bucketWidth) }
                            }
                        }
                    }
                }
            }
        }
        scanCount = scans
    }

    /// Runs the search with PHAST over `hierarchy`, a contraction hierarchy of the graph and
    /// weights ``run(graph:weights:sources:limit:bucketWidth:)`` would be given: exactly the same
    /// labels, found by one upward and one downward sweep over all nodes in rank order.
    ///
    /// - Precondition: `limit <= ContractionHierarchy.weightCap`.
    /// - Complexity: O(nodes + hierarchy arcs), whatever the bound.
    public func run(hierarchy h: ContractionHierarchy, sources: [(node: UInt32, label: UInt32)], limit: UInt32) {
        precondition(h.nodeCount == nodeCount && limit <= ContractionHierarchy.weightCap)
        self.limit = limit
        let n = nodeCount
        if sweep == nil {
            sweep = .allocate(capacity: max(n, 1))
            sweepPosition = .allocate(capacity: max(n, 1))
        }
        let d = sweep!
        let none = Self.unreached
        d.initialize(repeating: none, count: n)
        h.position.withUnsafeBufferPointer { position in
            if let base = position.baseAddress { sweepPosition!.update(from: base, count: n) }
            for s in sources where s.label <= limit {
                let p = Int(position[Int(s.node)])
                d[p] = min(d[p], s.label)
            }
        }
        // Up: positions from the last (lowest rank) to the first; arcs come from lower ranks.
        h.upFirst.withUnsafeBufferPointer { first in
            h.upArcs.withUnsafeBufferPointer { arcs in
                var p = n - 1
                while p >= 0 {
                    var best = d[p]
                    var a = Int(first[p]) * 2
                    let end = Int(first[p + 1]) * 2
                    while a < end {
                        best = min(best, d[Int(arcs[a])] &+ arcs[a + 1])
                        a += 2
                    }
                    d[p] = best <= limit ? best : none
                    p -= 1
                }
            }
        }
        // Down: positions from the first (highest rank); arcs come from higher ranks.
        h.downFirst.withUnsafeBufferPointer { first in
            h.downArcs.withUnsafeBufferPointer { arcs in
                for p in 0..<n {
                    var best = d[p]
                    var a = Int(first[p]) * 2
                    let end = Int(first[p + 1]) * 2
                    while a < end {
                        best = min(best, d[Int(arcs[a])] &+ arcs[a + 1])
                        a += 2
                    }
                    d[p] = best <= limit ? best : none
                }
            }
        }
        swept = true
        scanCount = n
    }

    @inline(__always)
    private func relax(_ node: UInt32, _ label: UInt32, _ width: UInt32) {
        let v = Int(node)
        if stamp[v] == epoch {
            if dist[v] <= label { return }
            if slot[v] != Self.none { unlink(v) }
        } else {
            stamp[v] = epoch
        }
        dist[v] = label
        let b = label / width
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

    private func reserveBuckets(_ count: Int) {
        guard count > headCapacity else { return }
        heads.deallocate()
        heads = .allocate(capacity: count)
        heads.initialize(repeating: Self.none, count: count)
        headCapacity = count
    }

    private func nextEpoch() {
        if epoch == .max {
            stamp.update(repeating: 0, count: max(nodeCount, 1))
            epoch = 0
        }
        epoch += 1
    }

    /// The label of `node` after the last run, or nil when it was not reached within the limit.
    @inline(__always)
    public func label(_ node: UInt32) -> UInt32? {
        let v = Int(node)
        if swept {
            let d = sweep.unsafelyUnwrapped[Int(sweepPosition.unsafelyUnwrapped[v])]
            return d <= limit ? d : nil
        }
        return stamp[v] == epoch ? dist[v] : nil
    }

    /// All labels after the last run, `UInt32.max` for nodes not reached.
    public func labels() -> [UInt32] {
        (0..<nodeCount).map { label(UInt32($0)) ?? .max }
    }
}
