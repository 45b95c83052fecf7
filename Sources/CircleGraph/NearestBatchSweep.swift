/// ``NearestSourceSearch``'s PHAST for several searches at once, as ``BatchSweep`` does for
/// ``MultiSourceSearch``: each node holds one packed (distance, source) key per search (a lane,
/// up to ``maxLanes``), side by side, and one up sweep and one down sweep relax all lanes of an
/// arc with one vector addition and minimum. Every lane's labels are exactly those
/// ``NearestSourceSearch/run(hierarchy:sources:limit:)`` gives from the same seeds: the shortest
/// distance within the bound and, of the sources at that distance, the lowest-numbered.
///
/// Keys live in one block of `nodes × width` `UInt64`s by hierarchy position, `width` the lanes
/// rounded up to 4 or 8. An unreached key holds 2³¹ in the distance half; plus any arc weight it
/// stays below 2⁶⁴, so the sweeps need no per-lane test. Not thread-safe: one per worker.
public final class NearestBatchSweep {
    /// The most searches one sweep carries (8 keys of 64 bits: the same bytes per node as
    /// ``BatchSweep``'s 16 distances).
    public static let maxLanes = 8
    /// The number of nodes the sweep was made for.
    public let nodeCount: Int
    /// Lanes of the last run.
    public private(set) var lanes = 0
    private var width = 0
    /// The bound of the last run.
    public private(set) var limit: UInt32 = 0
    private let block: UnsafeMutableRawPointer
    /// The hierarchy's positions, copied so that reading a label costs no reference counting.
    private let position: UnsafeMutablePointer<UInt32>

    public init(nodeCount: Int) {
        self.nodeCount = nodeCount
        let n = max(nodeCount, 1)
        block = .allocate(byteCount: n * Self.maxLanes * 8, alignment: 64)
        position = .allocate(capacity: n)
        position.initialize(repeating: 0, count: n)
    }

    deinit {
        block.deallocate()
        position.deallocate()
    }

    /// Runs `sources.count` searches (1 to ``maxLanes``) in one pair of sweeps: lane `k` gets every
    /// node's shortest distance from the seeds `sources[k]` (their labels included) up to `limit`,
    /// with the lowest-numbered source at that distance.
    ///
    /// - Precondition: `limit <= ContractionHierarchy.weightCap`; `hierarchy` ``ContractionHierarchy/isConsistent``.
    public func run(hierarchy h: ContractionHierarchy, sources: [[NearestSourceSearch.Seed]], limit: UInt32) {
        precondition(h.nodeCount == nodeCount && limit <= ContractionHierarchy.weightCap)
        precondition(!sources.isEmpty && sources.count <= Self.maxLanes)
        lanes = sources.count
        width = lanes <= 4 ? 4 : 8
        self.limit = limit
        let n = nodeCount
        guard n > 0 else { return }
        h.position.withUnsafeBufferPointer { position.update(from: $0.baseAddress!, count: n) }
        var seeds: [(position: UInt32, lane: UInt32, label: UInt64)] = []
        for (lane, list) in sources.enumerated() {
            for s in list where s.label <= limit {
                seeds.append((position[Int(s.node)], UInt32(lane), UInt64(s.label) << 32 | UInt64(s.source)))
            }
        }
        seeds.sort { $0.position > $1.position }
        if width == 4 { sweepLanes(h, block, n, seeds, SIMD4<UInt64>.self) } else { sweepLanes(h, block, n, seeds, SIMD8<UInt64>.self) }
        _ = block.bindMemory(to: UInt64.self, capacity: n * width)
    }

    /// The distance of `node` in `lane` after the last run and the source it comes from, or nil
    /// when it was not reached within the limit.
    @inline(__always)
    public func label(_ node: UInt32, lane: Int) -> (distance: UInt32, source: UInt32)? {
        precondition(node < nodeCount && lane < lanes)
        let k = block.assumingMemoryBound(to: UInt64.self)[Int(position[Int(node)]) &* width &+ lane]
        let d = UInt32(truncatingIfNeeded: k >> 32)
        return d <= limit ? (d, UInt32(truncatingIfNeeded: k)) : nil
    }
}
