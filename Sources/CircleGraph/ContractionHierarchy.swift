/// A contraction hierarchy of a directed graph with integer arc weights, laid out for PHAST
/// (Delling, Goldberg, Nowatzyk, Werneck 2011): a one-to-all or many-to-all search is one pass
/// up the hierarchy and one pass down it, both linear sweeps over the nodes in rank order, with
/// no priority queue.
///
/// Nodes are contracted one at a time, least important first; contracting `v` adds a shortcut
/// `u → x` of weight `w(u,v) + w(v,x)` for each pair of its remaining neighbours unless a witness
/// path `u → x` avoiding `v` is at most as long. Every arc (original or shortcut) then runs either
/// up (to a node contracted later) or down, and every shortest distance is the length of a path
/// that goes up and then down. Exact for any non-negative weights, zero weights and parallel arcs
/// included; a witness search that gives up only adds a shortcut, which is never wrong.
///
/// Layout: nodes by *position*, the highest rank first (`position[node]`, `node(at:)`); for each
/// position the arcs *into* it from lower ranks (`up…`) and from higher ranks (`down…`), each
/// arc as the tail's position and the weight interleaved in one `UInt32` array.
///
/// Arcs whose weight would exceed ``ContractionHierarchy/weightCap`` are left out: a search
/// bounded below the cap (``MultiSourceSearch/run(hierarchy:sources:limit:)`` refuses larger bounds) never needs them.
public struct ContractionHierarchy: Sendable, Equatable {
    /// Paths longer than this are not represented (2³¹ − 1 units: 21,474 km in centimetres).
    public static let weightCap: UInt32 = 0x7FFF_FFFF

    /// The position of each node (0 = contracted last).
    public var position: [UInt32]
    /// `nodeCount + 1` offsets into `upArcs` (in pairs): arcs into each position from lower ranks.
    public var upFirst: [UInt32]
    /// Pairs (tail position, weight) of the upward arcs, grouped by head position.
    public var upArcs: [UInt32]
    /// `nodeCount + 1` offsets into `downArcs` (in pairs): arcs into each position from higher ranks.
    public var downFirst: [UInt32]
    /// Pairs (tail position, weight) of the downward arcs, grouped by head position.
    public var downArcs: [UInt32]

    public var nodeCount: Int { position.count }
    /// Arcs of the hierarchy, original and shortcuts.
    public var arcCount: Int { (upArcs.count + downArcs.count) / 2 }

    public init(position: [UInt32], upFirst: [UInt32], upArcs: [UInt32], downFirst: [UInt32], downArcs: [UInt32]) {
        self.position = position
        self.upFirst = upFirst
        self.upArcs = upArcs
        self.downFirst = downFirst
        self.downArcs = downArcs
    }

    /// Whether the arrays fit together: a permutation, offsets in range, tails of up arcs at
    /// later positions (lower ranks) and of down arcs at earlier ones, weights within the cap.
    /// A cache that passed its checksum is still checked, so a buggy writer cannot crash a search.
    public var isConsistent: Bool {
        let n = position.count
        guard upFirst.count == n + 1, downFirst.count == n + 1, upFirst.first == 0, downFirst.first == 0,
              Int(upFirst[n]) * 2 == upArcs.count, Int(downFirst[n]) * 2 == downArcs.count else { return false }
        var seen = [Bool](repeating: false, count: n)
        for p in position {
            guard Int(p) < n, !seen[Int(p)] else { return false }
            seen[Int(p)] = true
        }
        for p in 0..<n {
            guard upFirst[p] <= upFirst[p + 1], downFirst[p] <= downFirst[p + 1] else { return false }
            for a in Int(upFirst[p])..<Int(upFirst[p + 1]) {
                guard Int(upArcs[2 * a]) > p, Int(upArcs[2 * a]) < n, upArcs[2 * a + 1] <= Self.weightCap else { return false }
            }
            for a in Int(downFirst[p])..<Int(downFirst[p + 1]) {
                guard Int(downArcs[2 * a]) < p, downArcs[2 * a + 1] <= Self.weightCap else { return false }
            }
        }
        return true
    }
}

extension ContractionHierarchy {
    /// How the contraction order is chosen; any tuning gives an exact hierarchy, only its size
    /// and build time differ.
    public struct Tuning: Sendable, Equatable {
        /// Nodes a witness search may settle before it gives up (and the shortcut is added) when
        /// contracting.
        public var witnessSettleLimit: Int
        /// The same limit when only estimating a node's priority (simulated contraction).
        public var simulationSettleLimit: Int
        /// Priority = edgeWeight × (shortcuts added − arcs removed) + neighbourWeight × contracted
        /// neighbours + levelWeight × level.
        public var edgeWeight: Int64
        public var neighbourWeight: Int64
        public var levelWeight: Int64
        /// Whether the neighbours' priorities are recomputed after each contraction (besides
        /// the lazy check of the node popped).
        public var updateNeighbours: Bool

        public init(witnessSettleLimit: Int = 200, simulationSettleLimit: Int = 40, edgeWeight: Int64 = 4,
                    neighbourWeight: Int64 = 2, levelWeight: Int64 = 1, updateNeighbours: Bool = false) {
            self.witnessSettleLimit = witnessSettleLimit
            self.simulationSettleLimit = simulationSettleLimit
            self.edgeWeight = edgeWeight
            self.neighbourWeight = neighbourWeight
            self.levelWeight = levelWeight
            self.updateNeighbours = updateNeighbours
        }
    }

    /// Contracts `graph` with `weights` (one per arc).
    ///
    /// - Complexity: grows faster than linearly; city1m's two graphs (282 k and 247 k nodes) take about
    ///   100 s on 2 cores (Benchmarks/README.md).
    public static func build(graph: CSRGraph, weights: [UInt32], tuning: Tuning = Tuning()) -> ContractionHierarchy {
        precondition(weights.count == graph.arcCount)
        var builder = HierarchyBuilder(graph: graph, weights: weights, tuning: tuning)
        return builder.contractAll()
    }

    /// Contracts with a witness settle limit (the other settings as by default).
    public static func build(graph: CSRGraph, weights: [UInt32], witnessSettleLimit: Int) -> ContractionHierarchy {
        var tuning = Tuning()
        tuning.witnessSettleLimit = witnessSettleLimit
        tuning.simulationSettleLimit = min(tuning.simulationSettleLimit, witnessSettleLimit)
        return build(graph: graph, weights: weights, tuning: tuning)
    }
}

/// An arc of the graph being contracted.
struct DynArc {
    var node: UInt32
    var weight: UInt32
}

/// The state of a contraction: the remaining graph as adjacency lists, and the arcs recorded so far.
struct HierarchyBuilder {
    let n: Int
    var out: [[DynArc]]
    var inn: [[DynArc]]
    var contracted: [Bool]
    var contractedNeighbours: [Int32]
    var level: [Int32]
    /// Arcs of the hierarchy as (tail, head, weight), node ids.
    var upTail: [UInt32] = [], upHead: [UInt32] = [], upWeight: [UInt32] = []
    var downTail: [UInt32] = [], downHead: [UInt32] = [], downWeight: [UInt32] = []
    var witness: WitnessSearch
    let tuning: ContractionHierarchy.Tuning

    init(graph: CSRGraph, weights: [UInt32], tuning: ContractionHierarchy.Tuning) {
        self.tuning = tuning
        n = graph.nodeCount
        out = [[DynArc]](repeating: [], count: n)
        inn = [[DynArc]](repeating: [], count: n)
        for v in 0..<n {
            for a in graph.arcs(from: UInt32(v)) {
                let h = graph.head[a], w = weights[a]
                guard Int(h) != v, w <= ContractionHierarchy.weightCap else { continue }
                Self.insert(&out[v], DynArc(node: h, weight: w))
            }
        }
        for v in 0..<n {
            for a in out[v] { inn[Int(a.node)].append(DynArc(node: UInt32(v), weight: a.weight)) }
        }
        contracted = [Bool](repeating: false, count: n)
        contractedNeighbours = [Int32](repeating: 0, count: n)
        level = [Int32](repeating: 0, count: n)
        witness = WitnessSearch(nodeCount: n)
    }

    /// Adds an arc or lowers the weight of the one already there (parallel arcs keep the cheapest).
    /// Returns whether the list changed.
    @discardableResult
    static func insert(_ list: inout [DynArc], _ arc: DynArc) -> Bool {
        for i in list.indices where list[i].node == arc.node {
            if arc.weight < list[i].weight {
                list[i].weight = arc.weight
                return true
            }
            return false
        }
        list.append(arc)
        return true
    }

    /// The shortcuts contracting `v` needs now, as (u, x, weight).
    mutating func shortcuts(of v: Int, settleLimit: Int, into result: inout [(UInt32, UInt32, UInt32)]) {
        result.removeAll(keepingCapacity: true)
        let outs = out[v]
        guard !outs.isEmpty else { return }
        var maxOut: UInt32 = 0
        for a in outs { maxOut = max(maxOut, a.weight) }
        for ua in inn[v] {
            let u = ua.node
            let bound = UInt64(ua.weight) + UInt64(maxOut)
            witness.run(from: u, avoiding: UInt32(v), bound: bound, settleLimit: settleLimit, targets: outs, out: out)
            for xa in outs where xa.node != u {
                let via = UInt64(ua.weight) + UInt64(xa.weight)
                guard via <= UInt64(ContractionHierarchy.weightCap) else { continue }
                if let d = witness.distance(xa.node), d <= via { continue }
                result.append((u, xa.node, UInt32(via)))
            }
        }
    }

    mutating func priority(of v: Int, scratch: inout [(UInt32, UInt32, UInt32)]) -> Int64 {
        shortcuts(of: v, settleLimit: tuning.simulationSettleLimit, into: &scratch)
        let removed = out[v].count + inn[v].count
        return tuning.edgeWeight * Int64(scratch.count - removed)
            + tuning.neighbourWeight * Int64(contractedNeighbours[v]) + tuning.levelWeight * Int64(level[v])
    }

    mutating func contractAll() -> ContractionHierarchy {
        var scratch: [(UInt32, UInt32, UInt32)] = []
        var heap = MinHeap()
        var current = [Int64](repeating: 0, count: n)
        for v in 0..<n {
            current[v] = priority(of: v, scratch: &scratch)
            heap.push(key: current[v], value: UInt32(v))
        }
        var rank = [UInt32](repeating: 0, count: n)
        var next: UInt32 = 0
        while let (key, vv) = heap.pop() {
            let v = Int(vv)
            guard !contracted[v], key == current[v] else { continue }   // an entry left by an update
            // Lazy update: a stale priority is recomputed and the node goes back if it grew.
            let now = priority(of: v, scratch: &scratch)
            if now > key, let top = heap.peekKey, now > top {
                current[v] = now
                heap.push(key: now, value: vv)
                continue
            }
            shortcuts(of: v, settleLimit: tuning.witnessSettleLimit, into: &scratch)
            rank[v] = next
            next += 1
            contracted[v] = true
            for a in out[v] {
                upTail.append(UInt32(v)); upHead.append(a.node); upWeight.append(a.weight)
            }
            for a in inn[v] {
                downTail.append(a.node); downHead.append(UInt32(v)); downWeight.append(a.weight)
            }
            // Remove v from its neighbours' lists, then add the shortcuts.
            var neighbours: [UInt32] = []
            for a in out[v] {
                inn[Int(a.node)].removeAll { $0.node == vv }
                neighbours.append(a.node)
            }
            for a in inn[v] {
                out[Int(a.node)].removeAll { $0.node == vv }
                if !neighbours.contains(a.node) { neighbours.append(a.node) }
            }
            out[v] = []
            inn[v] = []
            for (u, x, w) in scratch {
                if Self.insert(&out[Int(u)], DynArc(node: x, weight: w)) {
                    Self.insert(&inn[Int(x)], DynArc(node: u, weight: w))
                }
            }
            for u in neighbours {
                contractedNeighbours[Int(u)] += 1
                level[Int(u)] = max(level[Int(u)], level[v] + 1)
            }
            if tuning.updateNeighbours {
                for u in neighbours {
                    let p = priority(of: Int(u), scratch: &scratch)
                    if p != current[Int(u)] {
                        current[Int(u)] = p
                        heap.push(key: p, value: u)
                    }
                }
            }
        }
        // Positions: the highest rank first.
        let position = rank.map { UInt32(n) - 1 - $0 }
        func grouped(_ tails: [UInt32], _ heads: [UInt32], _ weights: [UInt32]) -> ([UInt32], [UInt32]) {
            var first = [UInt32](repeating: 0, count: n + 1)
            for h in heads { first[Int(position[Int(h)]) + 1] += 1 }
            for p in 0..<n { first[p + 1] += first[p] }
            var fill = first
            var arcs = [UInt32](repeating: 0, count: heads.count * 2)
            for i in heads.indices {
                let p = Int(position[Int(heads[i])])
                let slot = Int(fill[p])
                fill[p] += 1
                arcs[2 * slot] = position[Int(tails[i])]
                arcs[2 * slot + 1] = weights[i]
            }
            return (first, arcs)
        }
        let (uf, ua) = grouped(upTail, upHead, upWeight)
        let (df, da) = grouped(downTail, downHead, downWeight)
        return ContractionHierarchy(position: position, upFirst: uf, upArcs: ua, downFirst: df, downArcs: da)
    }
}

/// A binary min-heap of (key, value), for the contraction order.
struct MinHeap {
    private var keys: [Int64] = []
    private var values: [UInt32] = []

    var peekKey: Int64? { keys.first }

    mutating func push(key: Int64, value: UInt32) {
        keys.append(key)
        values.append(value)
        var i = keys.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            guard less(i, p) else { break }
            keys.swapAt(i, p)
            values.swapAt(i, p)
            i = p
        }
    }

    mutating func pop() -> (Int64, UInt32)? {
        guard let k = keys.first else { return nil }
        let v = values[0]
        let lastKey = keys.removeLast(), lastValue = values.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey
            values[0] = lastValue
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < keys.count && less(l, m) { m = l }
                if r < keys.count && less(r, m) { m = r }
                guard m != i else { break }
                keys.swapAt(i, m)
                values.swapAt(i, m)
                i = m
            }
        }
        return (k, v)
    }

    /// Ties go to the lower node id, so the order is deterministic.
    private func less(_ a: Int, _ b: Int) -> Bool {
        keys[a] < keys[b] || (keys[a] == keys[b] && values[a] < values[b])
    }
}

/// A bounded Dijkstra for witness paths over the remaining graph, reused between calls.
struct WitnessSearch {
    private var dist: [UInt64]
    private var stamp: [UInt32]
    /// Marks the targets still to settle in this run.
    private var target: [UInt32]
    private var epoch: UInt32 = 0
    private var heap: [UInt64] = []   // (distance << 32) | node; the distance part is capped below

    init(nodeCount: Int) {
        dist = [UInt64](repeating: 0, count: nodeCount)
        stamp = [UInt32](repeating: 0, count: nodeCount)
        target = [UInt32](repeating: 0, count: nodeCount)
    }

    func distance(_ node: UInt32) -> UInt64? {
        stamp[Int(node)] == epoch ? dist[Int(node)] : nil
    }

    /// Settles nodes from `source` in the graph without `skip`, up to `bound` and `settleLimit`
    /// nodes, stopping early once every target is settled.
    mutating func run(from source: UInt32, avoiding skip: UInt32, bound: UInt64, settleLimit: Int,
                      targets: [DynArc], out: [[DynArc]]) {
        if epoch >= UInt32.max - 1 {
            for i in stamp.indices { stamp[i] = 0 }
            for i in target.indices { target[i] = 0 }
            epoch = 0
        }
        epoch += 1
        var pending = 0
        for t in targets where t.node != source && target[Int(t.node)] != epoch {
            target[Int(t.node)] = epoch
            pending += 1
        }
        heap.removeAll(keepingCapacity: true)
        stamp[Int(source)] = epoch
        dist[Int(source)] = 0
        push(0, source)
        var settled = 0
        while let top = pop() {
            let d = top >> 32, v = UInt32(truncatingIfNeeded: top)
            if d > dist[Int(v)] { continue }
            if d > bound { break }
            if target[Int(v)] == epoch {
                target[Int(v)] = 0
                pending -= 1
            }
            settled += 1
            if pending == 0 || settled > settleLimit { break }
            for a in out[Int(v)] where a.node != skip {
                let nd = d + UInt64(a.weight)
                guard nd <= bound else { continue }
                let h = Int(a.node)
                if stamp[h] != epoch || nd < dist[h] {
                    stamp[h] = epoch
                    dist[h] = nd
                    push(nd, a.node)
                }
            }
        }
    }

    private mutating func push(_ d: UInt64, _ v: UInt32) {
        heap.append((d << 32) | UInt64(v))
        var i = heap.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            guard heap[i] < heap[p] else { break }
            heap.swapAt(i, p)
            i = p
        }
    }

    private mutating func pop() -> UInt64? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count && heap[l] < heap[m] { m = l }
                if r < heap.count && heap[r] < heap[m] { m = r }
                guard m != i else { break }
                heap.swapAt(i, m)
                i = m
            }
        }
        return top
    }
}
