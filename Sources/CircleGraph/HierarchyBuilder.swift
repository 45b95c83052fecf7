/// Adjacency lists of the graph being contracted, all in two flat arrays: node `v`'s arcs are the
/// slots `start[v] ..< start[v] + count[v]`, with room for `room[v]`; a list that outgrows its room
/// moves to the end with twice the room (the old slots are dropped), so no list is a separate
/// allocation and a search reads plain arrays.
struct FlatAdjacency {
    var start: [UInt32]
    var count: [UInt32]
    var room: [UInt32]
    var node: [UInt32] = []
    var weight: [UInt32] = []

    init(nodeCount: Int) {
        start = [UInt32](repeating: 0, count: nodeCount)
        count = [UInt32](repeating: 0, count: nodeCount)
        room = [UInt32](repeating: 0, count: nodeCount)
    }

    /// The slots of `v`'s arcs.
    @inline(__always)
    func slots(_ v: Int) -> Range<Int> { Int(start[v])..<Int(start[v] + count[v]) }

    /// Adds an arc `v → to` or lowers the weight of the one already there (parallel arcs keep the
    /// cheapest). Returns whether the list changed.
    @discardableResult
    mutating func insert(_ v: Int, _ to: UInt32, _ w: UInt32) -> Bool {
        for i in slots(v) where node[i] == to {
            guard w < weight[i] else { return false }
            weight[i] = w
            return true
        }
        if count[v] == room[v] {
            let newRoom = max(4, 2 * room[v])
            let newStart = node.count
            node.append(contentsOf: repeatElement(0, count: Int(newRoom)))
            weight.append(contentsOf: repeatElement(0, count: Int(newRoom)))
            for (k, i) in slots(v).enumerated() {   // element by element: a slice of the array would copy it all
                node[newStart + k] = node[i]
                weight[newStart + k] = weight[i]
            }
            start[v] = UInt32(newStart)
            room[v] = newRoom
        }
        let slot = Int(start[v] + count[v])
        node[slot] = to
        weight[slot] = w
        count[v] += 1
        return true
    }

    /// Removes the arc `v → to`, if any (the list's order is not kept).
    mutating func remove(_ v: Int, _ to: UInt32) {
        for i in slots(v) where node[i] == to {
            let last = Int(start[v] + count[v]) - 1
            node[i] = node[last]
            weight[i] = weight[last]
            count[v] -= 1
            return
        }
    }
}

/// The state of a contraction: the remaining graph as flat adjacency lists, and the arcs
/// recorded so far.
///
/// Order: least priority first, with lazy updates (a popped node's priority is recomputed and
/// the node goes back if it grew past the next one). Priority = edgeWeight × (shortcuts −
/// arcs removed) + neighbourWeight × contracted neighbours + levelWeight × level, the shortcuts
/// counted by a simulated contraction with the cheap (simulation) witness limits.
struct HierarchyBuilder {
    let n: Int
    var out: FlatAdjacency
    var inn: FlatAdjacency
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
        out = FlatAdjacency(nodeCount: n)
        inn = FlatAdjacency(nodeCount: n)
        for v in 0..<n {
            for a in graph.arcs(from: UInt32(v)) {
                let h = graph.head[a], w = weights[a]
                guard Int(h) != v, w <= ContractionHierarchy.weightCap else { continue }   // self-loops never help
                if out.insert(v, h, w) {
                    // Keep `inn` the mirror of `out`: set the weight of the arc just lowered or added.
                    if !inn.insert(Int(h), UInt32(v), w) {
                        for i in inn.slots(Int(h)) where inn.node[i] == UInt32(v) { inn.weight[i] = w }
                    }
                }
            }
        }
        contracted = [Bool](repeating: false, count: n)
        contractedNeighbours = [Int32](repeating: 0, count: n)
        level = [Int32](repeating: 0, count: n)
        witness = WitnessSearch(nodeCount: n)
    }

    /// The shortcuts contracting `v` needs now, as (u, x, weight): one witness search per
    /// in-neighbour `u`, limited in settled nodes and hops; a search that gives up leaves the
    /// shortcut in, which is never wrong.
    mutating func shortcuts(of v: Int, settleLimit: Int, hopLimit: Int, into result: inout [(UInt32, UInt32, UInt32)]) {
        result.removeAll(keepingCapacity: true)
        let outs = out.slots(v)
        guard !outs.isEmpty else { return }
        for j in inn.slots(v) {
            let u = inn.node[j], wu = inn.weight[j]
            witness.run(from: u, avoiding: UInt32(v), via: UInt64(wu), settleLimit: settleLimit,
                        hopLimit: hopLimit, targets: outs, adjacency: out)
            for i in outs where out.node[i] != u {
                let via = UInt64(wu) + UInt64(out.weight[i])
                guard via <= UInt64(ContractionHierarchy.weightCap) else { continue }
                if let d = witness.distance(out.node[i]), d <= via { continue }
                result.append((u, out.node[i], UInt32(via)))
            }
        }
    }

    mutating func priority(of v: Int, scratch: inout [(UInt32, UInt32, UInt32)]) -> Int64 {
        shortcuts(of: v, settleLimit: tuning.simulationSettleLimit, hopLimit: tuning.simulationHopLimit, into: &scratch)
        let removed = Int(out.count[v] + inn.count[v])
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
        var neighbours: [UInt32] = []
        var isNeighbour = [Bool](repeating: false, count: n)
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
            shortcuts(of: v, settleLimit: tuning.witnessSettleLimit, hopLimit: tuning.witnessHopLimit, into: &scratch)
            rank[v] = next
            next += 1
            contracted[v] = true
            neighbours.removeAll(keepingCapacity: true)
            for i in out.slots(v) {
                let x = out.node[i]
                upTail.append(vv); upHead.append(x); upWeight.append(out.weight[i])
                inn.remove(Int(x), vv)
                if !isNeighbour[Int(x)] { isNeighbour[Int(x)] = true; neighbours.append(x) }
            }
            for i in inn.slots(v) {
                let u = inn.node[i]
                downTail.append(u); downHead.append(vv); downWeight.append(inn.weight[i])
                out.remove(Int(u), vv)
                if !isNeighbour[Int(u)] { isNeighbour[Int(u)] = true; neighbours.append(u) }
            }
            out.count[v] = 0
            inn.count[v] = 0
            for (u, x, w) in scratch where out.insert(Int(u), x, w) {
                if !inn.insert(Int(x), u, w) {
                    for i in inn.slots(Int(x)) where inn.node[i] == u { inn.weight[i] = w }
                }
            }
            for u in neighbours {
                isNeighbour[Int(u)] = false
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

/// A bounded Dijkstra for witness paths over the remaining graph, reused between calls: it
/// settles at most a given number of nodes and follows paths of at most a given number of arcs.
struct WitnessSearch {
    private var dist: [UInt64]
    private var hops: [UInt8]
    private var stamp: [UInt32]
    /// Marks the targets still to settle in this run.
    private var target: [UInt32]
    private var epoch: UInt32 = 0
    private var heap: [UInt64] = []   // (distance << 32) | node; distances stay below 2³²
    /// The target slots not settled yet in this run.
    private var pending: [Int] = []

    init(nodeCount: Int) {
        dist = [UInt64](repeating: 0, count: nodeCount)
        hops = [UInt8](repeating: 0, count: nodeCount)
        stamp = [UInt32](repeating: 0, count: nodeCount)
        target = [UInt32](repeating: 0, count: nodeCount)
    }

    func distance(_ node: UInt32) -> UInt64? {
        stamp[Int(node)] == epoch ? dist[Int(node)] : nil
    }

    /// Settles nodes from `source` in the graph without `skip`, up to `settleLimit` nodes and
    /// paths of `hopLimit` arcs, for witnesses to the paths `source → skip → target` of length
    /// `via` + the weight of a target arc (the `adjacency` slots `targets`, arcs out of `skip`):
    /// it stops once no target still unsettled could have a witness (the distance passed the
    /// longest such path). A distance found is always a real path's length.
    mutating func run(from source: UInt32, avoiding skip: UInt32, via: UInt64, settleLimit: Int, hopLimit: Int,
                      targets: Range<Int>, adjacency g: FlatAdjacency) {
        if epoch >= UInt32.max - 1 {
            for i in stamp.indices { stamp[i] = 0 }
            for i in target.indices { target[i] = 0 }
            epoch = 0
        }
        epoch += 1
        pending.removeAll(keepingCapacity: true)
        for t in targets where g.node[t] != source && target[Int(g.node[t])] != epoch {
            target[Int(g.node[t])] = epoch
            pending.append(t)
        }
        guard !pending.isEmpty else { return }
        var bound = pendingBound(via: via, g)
        heap.removeAll(keepingCapacity: true)
        stamp[Int(source)] = epoch
        dist[Int(source)] = 0
        hops[Int(source)] = 0
        push(0, source)
        var settled = 0
        let maxHops = UInt8(clamping: hopLimit)
        while let top = pop() {
            let d = top >> 32, v = UInt32(truncatingIfNeeded: top)
            if d > dist[Int(v)] { continue }
            if d > bound { break }
            if target[Int(v)] == epoch {
                target[Int(v)] = 0
                if let k = pending.firstIndex(where: { g.node[$0] == v }) { pending.swapAt(k, pending.count - 1) }
                pending.removeLast()
                guard !pending.isEmpty else { break }
                bound = pendingBound(via: via, g)
            }
            settled += 1
            if settled > settleLimit { break }
            let nextHops = hops[Int(v)] &+ 1
            guard hops[Int(v)] < maxHops else { continue }
            for a in g.slots(Int(v)) where g.node[a] != skip {
                let nd = d + UInt64(g.weight[a])
                guard nd <= bound else { continue }
                let h = Int(g.node[a])
                if stamp[h] != epoch || nd < dist[h] {
                    stamp[h] = epoch
                    dist[h] = nd
                    hops[h] = nextHops
                    push(nd, g.node[a])
                }
            }
        }
    }

    /// The longest path through `skip` to a target not settled yet.
    private func pendingBound(via: UInt64, _ g: FlatAdjacency) -> UInt64 {
        var longest: UInt32 = 0
        for t in pending { longest = max(longest, g.weight[t]) }
        return via + UInt64(longest)
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
