/// PHAST for several searches at once over one ``ContractionHierarchy`` ("PHAST with multiple
/// trees", Delling et al. 2011, §5): each node holds one label per search (a *lane*, up to
/// ``maxLanes``), side by side, and one up sweep and one down sweep relax all lanes of an arc
/// with one vector addition and minimum. The arcs are read once for all lanes, so k searches
/// cost far less than k single sweeps; every lane's labels are exactly those of
/// ``MultiSourceSearch/run(hierarchy:sources:limit:)`` from the same sources (and so those of
/// the bounded Dijkstra).
///
/// Labels live in one block of `nodes × width` `UInt32`s by hierarchy position, `width` the
/// lanes rounded up to 4, 8 or 16 (a SIMD vector per node). Unreached labels hold 2³¹, above
/// any bound and, plus any arc weight (at most ``ContractionHierarchy/weightCap``), still below
/// 2³²: the sweeps never overflow and need no per-lane test, and a label above the bound reads as
/// unreached. Not thread-safe: one per worker. This file and `MultiSourceSearch.swift` hold the
/// graph core's unsafe pointer code; the sweeps index with unchecked buffer pointers, whose
/// indices the hierarchy's ``ContractionHierarchy/isConsistent`` guarantees (checked when a
/// cache is read, true by construction when built).
public final class BatchSweep {
    /// The most searches one sweep carries.
    public static let maxLanes = 16
    /// The number of nodes the sweep was made for.
    public let nodeCount: Int
    /// Lanes of the last run, and the labels' width per node (4, 8 or 16).
    public private(set) var lanes = 0
    private var width = 0
    /// The bound of the last run.
    public private(set) var limit: UInt32 = 0
    /// Labels, `nodeCount × maxLanes` `UInt32`s, 64-byte aligned; the first `nodeCount × width`
    /// hold the last run's labels by position.
    private let block: UnsafeMutableRawPointer
    /// The hierarchy's positions, copied so that reading a label costs no reference counting.
    private let position: UnsafeMutablePointer<UInt32>
    private static let unreached: UInt32 = 0x8000_0000

    public init(nodeCount: Int) {
        self.nodeCount = nodeCount
        let n = max(nodeCount, 1)
        block = .allocate(byteCount: n * Self.maxLanes * 4, alignment: 64)
        position = .allocate(capacity: n)
        position.initialize(repeating: 0, count: n)
    }

    deinit {
        block.deallocate()
        position.deallocate()
    }

    /// Runs `sources.count` searches (1 to ``maxLanes``) in one pair of sweeps: lane `k` gets
    /// every node's shortest distance from `sources[k]` (starting labels included), up to `limit`.
    ///
    /// - Precondition: `limit <= ContractionHierarchy.weightCap`; `hierarchy` ``ContractionHierarchy/isConsistent``.
    /// - Complexity: O((nodes + hierarchy arcs) × width / 4) vector operations, whatever the bound.
    public func run(hierarchy h: ContractionHierarchy, sources: [[(node: UInt32, label: UInt32)]], limit: UInt32) {
        precondition(h.nodeCount == nodeCount && limit <= ContractionHierarchy.weightCap)
        precondition(!sources.isEmpty && sources.count <= Self.maxLanes)
        lanes = sources.count
        width = lanes <= 4 ? 4 : lanes <= 8 ? 8 : 16
        self.limit = limit
        let n = nodeCount
        guard n > 0 else { return }
        h.position.withUnsafeBufferPointer { position.update(from: $0.baseAddress!, count: n) }
        // Seeds as (position, lane, label), from the last position (the up sweep's first).
        var seeds: [(position: UInt32, lane: UInt32, label: UInt32)] = []
        for (lane, list) in sources.enumerated() {
            for s in list where s.label <= limit { seeds.append((position[Int(s.node)], UInt32(lane), s.label)) }
        }
        seeds.sort { $0.position > $1.position }
        switch width {
        case 4: Self.sweep(h, block, n, seeds, SIMD4<UInt32>.self)
        case 8: Self.sweep(h, block, n, seeds, SIMD8<UInt32>.self)
        default: Self.sweep(h, block, n, seeds, SIMD16<UInt32>.self)
        }
        // Read back as single labels.
        _ = block.bindMemory(to: UInt32.self, capacity: n * width)
    }

    /// For each query point `k`, with up to two ways into the graph (`nodes[2k]` at `costs[2k]`,
    /// `nodes[2k + 1]` at `costs[2k + 1]`; a cost of `UInt32.max` means none): per lane, the
    /// least cost plus label, or `UInt32.max` when above the bound. Flat, `result[k × lanes + lane]`.
    /// One position look-up and one memory line serve all lanes, which is what makes reading
    /// many points after a batch cheap.
    public func cheapest(nodes: [UInt32], costs: [UInt32]) -> [UInt32] {
        precondition(nodes.count == costs.count && nodes.count % 2 == 0 && lanes > 0)
        let q = nodes.count / 2, lanes = self.lanes, width = self.width, limit = self.limit, position = self.position
        let labels = block.assumingMemoryBound(to: UInt32.self)
        var out = [UInt32](repeating: .max, count: q * lanes)
        out.withUnsafeMutableBufferPointer { out in
            nodes.withUnsafeBufferPointer { nodes in
                costs.withUnsafeBufferPointer { costs in
                    for k in 0..<q {
                        let o = k &* lanes
                        for e in 0..<2 {
                            let c = costs[2 &* k &+ e]
                            guard c != .max else { continue }
                            let row = Int(position[Int(nodes[2 &* k &+ e])]) &* width
                            for lane in 0..<lanes {
                                let (sum, overflow) = labels[row &+ lane].addingReportingOverflow(c)
                                if !overflow && sum < out[o &+ lane] { out[o &+ lane] = sum }
                            }
                        }
                        for lane in 0..<lanes where out[o &+ lane] > limit { out[o &+ lane] = .max }
                    }
                }
            }
        }
        return out
    }

    /// Both sweeps with `V` lanes per node. The up sweep writes every node's labels (from its
    /// seeds and its upward in-arcs, which come from later positions), so the block needs no
    /// clearing first; the down sweep then improves them from earlier positions.
    @inline(__always)
    private static func sweep<V: SIMD>(_ h: ContractionHierarchy, _ block: UnsafeMutableRawPointer, _ n: Int,
                                       _ seeds: [(position: UInt32, lane: UInt32, label: UInt32)], _: V.Type)
        where V.Scalar == UInt32 {
        let d = block.bindMemory(to: V.self, capacity: n)
        let none = V(repeating: unreached)
        h.upFirst.withUnsafeBufferPointer { first in
            h.upArcs.withUnsafeBufferPointer { arcs in
                seeds.withUnsafeBufferPointer { seeds in
                    var s = 0
                    var p = n - 1
                    while p >= 0 {
                        var best = none
                        while s < seeds.count && Int(seeds[s].position) == p {
                            let lane = Int(seeds[s].lane)
                            best[lane] = min(best[lane], seeds[s].label)
                            s &+= 1
                        }
                        var a = Int(first[p]) &* 2
                        let end = Int(first[p &+ 1]) &* 2
                        while a < end {
                            best = pointwiseMin(best, d[Int(arcs[a])] &+ V(repeating: arcs[a &+ 1]))
                            a &+= 2
                        }
                        d[p] = pointwiseMin(best, none)
                        p &-= 1
                    }
                }
            }
        }
        h.downFirst.withUnsafeBufferPointer { first in
            h.downArcs.withUnsafeBufferPointer { arcs in
                var p = 0
                while p < n {
                    var best = d[p]
                    var a = Int(first[p]) &* 2
                    let end = Int(first[p &+ 1]) &* 2
                    while a < end {
                        best = pointwiseMin(best, d[Int(arcs[a])] &+ V(repeating: arcs[a &+ 1]))
                        a &+= 2
                    }
                    d[p] = pointwiseMin(best, none)
                    p &+= 1
                }
            }
        }
    }

    /// Where `node`'s labels sit, for ``label(row:lane:)``: one position look-up serves all lanes.
    @inline(__always)
    public func row(_ node: UInt32) -> Int {
        Int(position[Int(node)]) &* width
    }

    /// A lane's label at a ``row(_:)``, or nil when not reached within the limit.
    @inline(__always)
    public func label(row: Int, lane: Int) -> UInt32? {
        let d = block.assumingMemoryBound(to: UInt32.self)[row &+ lane]
        return d <= limit ? d : nil
    }

    /// The label of `node` in `lane` after the last run, or nil when it was not reached within the limit.
    @inline(__always)
    public func label(_ node: UInt32, lane: Int) -> UInt32? {
        precondition(lane < lanes)
        return label(row: row(node), lane: lane)
    }

    /// All labels of `lane` after the last run, `UInt32.max` for nodes not reached.
    public func labels(lane: Int) -> [UInt32] {
        (0..<nodeCount).map { label(UInt32($0), lane: lane) ?? .max }
    }
}
