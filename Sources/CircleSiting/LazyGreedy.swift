import Foundation

/// Greedy siting with lazy evaluation (CELF, Leskovec et al. 2007): coverage is submodular, so a
/// candidate's gain only shrinks as sites are chosen; the candidate on top of a priority queue of
/// stale gains is re-evaluated, and chosen when it still beats the next one's stale gain. It picks
/// exactly what plain greedy picks: the largest gain (per cost, for `coverAll` and `target`),
/// ties to the lower candidate index.
public enum LazyGreedy {
    /// The greedy plan for `goal`.
    public static func solve(_ instance: CoverageInstance, goal: SitingGoal) -> SitingPlan {
        let perCost: Bool
        var limit = Int.max
        var needed = Double.infinity
        switch goal {
        case .count(let k): perCost = false; limit = k
        case .coverAll: perCost = true
        case .target(let share, let already, let total):
            perCost = true
            needed = share * total - already
        }
        var covered = [Bool](repeating: false, count: instance.demandCount)
        var heap = GainHeap()
        for c in instance.covers.indices {
            let g = instance.weight(of: instance.covers[c].lazy.map { Int($0) })
            if g > 0 { heap.push(score(g, c, instance, perCost), c) }
        }
        var picks: [SitingPlan.Pick] = []
        var total = 0.0, cost = 0.0
        func done() -> Bool {
            if picks.count >= limit { return true }
            if case .target = goal { return total >= needed - 1e-9 }
            return false
        }
        while !done(), let top = heap.pop() {
            let c = top.candidate
            let fresh = instance.covers[c].filter { !covered[Int($0)] }
            let g = instance.weight(of: fresh.lazy.map { Int($0) })
            guard g > 0 else { continue }
            let s = score(g, c, instance, perCost)
            if let next = heap.peek(), GainHeap.before(next.score, next.candidate, s, c) {
                heap.push(s, c)   // stale: another candidate may now be better
                continue
            }
            for d in fresh { covered[Int(d)] = true }
            picks.append(.init(candidate: c, gain: g, newlyCovered: fresh))
            total += g
            cost += instance.costs[c]
        }
        var plan = SitingPlan(picks: picks, covered: total, cost: cost, method: "greedy", bound: 0, gap: 0,
                              solverNote: "", reached: true)
        switch goal {
        case .count(let k):
            // Two upper bounds on the optimum: greedy's guarantee, and the covered weight plus the
            // k largest gains left (valid for any plan of k sites by submodularity).
            let guarantee = total / (1 - 1 / M_E)
            var left = instance.covers.indices.map { c in
                instance.weight(of: instance.covers[c].lazy.filter { !covered[Int($0)] }.map { Int($0) })
            }
            left.sort(by: >)
            let online = total + left.prefix(k).reduce(0, +)
            plan.bound = min(guarantee, online)
            plan.gap = plan.bound > 0 ? (plan.bound - total) / plan.bound : 0
        case .coverAll:
            // Greedy set cover is within H(largest set) of the optimum cost.
            let largest = instance.covers.map(\.count).max() ?? 0
            let h = (0..<largest).reduce(0.0) { $0 + 1 / Double($1 + 1) }
            plan.bound = h > 0 ? cost / h : cost
            plan.gap = cost > 0 ? (cost - plan.bound) / cost : 0
        case .target:
            plan.reached = total >= needed - 1e-9
            plan.bound = 0
            plan.gap = cost > 0 ? 1 : 0
        }
        return plan
    }

    static func score(_ gain: Double, _ c: Int, _ instance: CoverageInstance, _ perCost: Bool) -> Double {
        perCost ? gain / max(instance.costs[c], 1e-12) : gain
    }
}

/// A max-heap of (score, candidate), ties to the lower candidate.
struct GainHeap {
    private var items: [(score: Double, candidate: Int)] = []

    /// Whether (a, i) comes before (b, j): higher score first, then lower index.
    static func before(_ a: Double, _ i: Int, _ b: Double, _ j: Int) -> Bool {
        a > b || (a == b && i < j)
    }

    func peek() -> (score: Double, candidate: Int)? { items.first }

    mutating func push(_ score: Double, _ candidate: Int) {
        items.append((score, candidate))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.before(items[i].score, items[i].candidate, items[parent].score, items[parent].candidate) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> (score: Double, candidate: Int)? {
        guard !items.isEmpty else { return nil }
        let top = items[0]
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var best = i
                if l < items.count, Self.before(items[l].score, items[l].candidate, items[best].score, items[best].candidate) { best = l }
                if r < items.count, Self.before(items[r].score, items[r].candidate, items[best].score, items[best].candidate) { best = r }
                if best == i { break }
                items.swapAt(i, best)
                i = best
            }
        }
        return top
    }
}
