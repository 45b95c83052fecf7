/// A reusable, bounded, multi-source shortest-path search over a ``CSRGraph`` with integer arc
/// weights: a bucket queue (buckets `bucketWidth` units wide, label-correcting inside a bucket so
/// results are exact for any width) and epoch-stamped labels, so a search costs nothing for the
/// nodes it does not reach and allocates nothing once its buckets have grown.
///
/// Not thread-safe: give each worker its own search. This file holds the graph core's only
/// unsafe pointer code.
public final class MultiSourceSearch {
    /// The number of nodes the search was made for.
    public let nodeCount: Int
    private let dist: UnsafeMutablePointer<UInt32>
    private let stamp: UnsafeMutablePointer<UInt32>
    private let scannedAt: UnsafeMutablePointer<UInt32>
    private var epoch: UInt32 = 0
    private var buckets: [[UInt32]] = []
    /// Nodes scanned by the last search (a node improved inside its bucket counts twice).
    public private(set) var scanCount = 0
    /// The bound of the last search.
    public private(set) var limit: UInt32 = 0

    public init(nodeCount: Int) {
        self.nodeCount = nodeCount
        dist = .allocate(capacity: max(nodeCount, 1))
        stamp = .allocate(capacity: max(nodeCount, 1))
        scannedAt = .allocate(capacity: max(nodeCount, 1))
        stamp.initialize(repeating: 0, count: max(nodeCount, 1))
        dist.initialize(repeating: 0, count: max(nodeCount, 1))
        scannedAt.initialize(repeating: .max, count: max(nodeCount, 1))
    }

    deinit {
        dist.deallocate()
        stamp.deallocate()
        scannedAt.deallocate()
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
        if buckets.count < bucketCount { buckets += Array(repeating: [], count: bucketCount - buckets.count) }
        for s in sources where s.label <= limit { relax(s.node, s.label, bucketWidth) }
        var scans = 0
        graph.firstOut.withUnsafeBufferPointer { first in
            graph.head.withUnsafeBufferPointer { head in
                weights.withUnsafeBufferPointer { weight in
                    for b in 0..<bucketCount {
                        var i = 0
                        while i < buckets[b].count {
                            let v = Int(buckets[b][i])
                            i += 1
                            let d = dist[v]
                            // Skip entries left behind by an improvement, and repeats of a scan.
                            if d / bucketWidth != UInt32(b) || scannedAt[v] == d { continue }
                            scannedAt[v] = d
                            scans += 1
                            for a in Int(first[v])..<Int(first[v + 1]) {
                                let (nd, overflow) = d.addingReportingOverflow(weight[a])
                                if !overflow && nd <= limit { relax(head[a], nd, bucketWidth) }
                            }
                        }
                        buckets[b].removeAll(keepingCapacity: true)
                    }
                }
            }
        }
        scanCount = scans
    }

    @inline(__always)
    private func relax(_ node: UInt32, _ label: UInt32, _ width: UInt32) {
        let v = Int(node)
        if stamp[v] == epoch && dist[v] <= label { return }
        stamp[v] = epoch
        dist[v] = label
        scannedAt[v] = .max
        buckets[Int(label / width)].append(node)
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
