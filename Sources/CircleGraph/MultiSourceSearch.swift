/// A reusable, bounded, multi-source shortest-path search over a ``CSRGraph`` with integer arc
/// weights: a bucket queue (buckets `bucketWidth` units wide, kept as intrusive doubly-linked lists
/// so a node sits in at most one bucket; label-correcting inside a bucket, so results are exact
/// for any width) and epoch-stamped labels, so a search costs nothing for the nodes it does not
/// reach and allocates nothing once its bucket array has grown.
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
        return stamp[v] == epoch ? dist[v] : nil
    }

    /// All labels after the last run, `UInt32.max` for nodes not reached.
    public func labels() -> [UInt32] {
        (0..<nodeCount).map { stamp[$0] == epoch ? dist[$0] : .max }
    }
}
