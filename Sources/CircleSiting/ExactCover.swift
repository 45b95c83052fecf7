import CMIP
import Foundation

/// The exact plan from a mixed-integer program solved by GLPK (through the `CMIP` wrapper), on the
/// reduced instance (demands with the same covering candidates merged). Formulations, with x_c ∈
/// {0,1} a site and y_d ∈ [0,1] a covered demand:
/// - count k:  max Σ w_d y_d  s.t.  y_d ≤ Σ_{c covers d} x_c,  Σ x_c ≤ k;
/// - cover all: min Σ cost_c x_c  s.t.  Σ_{c covers d} x_c ≥ 1 for every coverable d;
/// - target:   min Σ cost_c x_c  s.t.  y_d ≤ Σ_{c covers d} x_c,  Σ w_d y_d ≥ needed.
public enum ExactCover {
    /// Limits on what is tried without `--exact`.
    public struct Limits: Sendable {
        public var maxCandidates = 3_000
        public var maxNonzeros = 400_000
        public init() {}
    }

    /// Whether the reduced instance is small enough to try by default.
    public static func isSmall(_ instance: CoverageInstance, limits: Limits = Limits()) -> Bool {
        let r = ReducedInstance(instance)
        return r.candidates.count <= limits.maxCandidates && r.nonzeros <= limits.maxNonzeros
    }

    /// Solves `goal` exactly within `timeLimit` seconds. `greedy` is the greedy plan: returned (with
    /// the solver's bound) when the solver finds nothing better in time.
    public static func solve(_ instance: CoverageInstance, goal: SitingGoal, greedy: SitingPlan,
                             timeLimit: Double) -> SitingPlan {
        let r = ReducedInstance(instance)
        let nx = r.candidates.count, ny = r.weights.count
        guard nx > 0 else {
            var plan = greedy
            plan.solverNote = "exact: nothing to choose (no candidate covers any origin lacking the item)"
            plan.gap = 0
            return plan
        }
        var objective: [Double], integral: [UInt8]
        var sense: [Int32] = [], rhs: [Double] = [], rowStart: [Int32] = [0], column: [Int32] = [], value: [Double] = []
        func endRow(_ s: Int32, _ b: Double) {
            sense.append(s)
            rhs.append(b)
            rowStart.append(Int32(column.count))
        }
        let maximize: Bool
        switch goal {
        case .count(let k):
            maximize = true
            objective = [Double](repeating: 0, count: nx) + r.weights
            integral = [UInt8](repeating: 1, count: nx) + [UInt8](repeating: 0, count: ny)
            for d in 0..<ny {   // y_d - Σ x_c ≤ 0
                column.append(Int32(nx + d)); value.append(1)
                for c in r.coveredBy[d] { column.append(c); value.append(-1) }
                endRow(Int32(CMIP_ROW_LE), 0)
            }
            for c in 0..<nx { column.append(Int32(c)); value.append(1) }
            endRow(Int32(CMIP_ROW_LE), Double(k))
        case .coverAll:
            maximize = false
            objective = r.costs
            integral = [UInt8](repeating: 1, count: nx)
            for d in 0..<ny {
                for c in r.coveredBy[d] { column.append(c); value.append(1) }
                endRow(Int32(CMIP_ROW_GE), 1)
            }
        case .target(let share, let already, let total):
            maximize = false
            objective = r.costs + [Double](repeating: 0, count: ny)
            integral = [UInt8](repeating: 1, count: nx) + [UInt8](repeating: 0, count: ny)
            for d in 0..<ny {
                column.append(Int32(nx + d)); value.append(1)
                for c in r.coveredBy[d] { column.append(c); value.append(-1) }
                endRow(Int32(CMIP_ROW_LE), 0)
            }
            for d in 0..<ny { column.append(Int32(nx + d)); value.append(r.weights[d]) }
            endRow(Int32(CMIP_ROW_GE), max(0, share * total - already) - 1e-9)
        }
        var x = [Double](repeating: 0, count: objective.count)
        var result = cmip_result()
        let start = startingSolution(greedy, r, instance, columns: objective.count, goal: goal)
        _ = start.withUnsafeBufferPointer { s in
            cmip_solve(Int32(objective.count), objective, integral, maximize ? 1 : 0, Int32(sense.count), sense, rhs,
                       rowStart, column, value, timeLimit, 1e-9, s.count == objective.count ? s.baseAddress : nil, &x, &result)
        }
        let message = withUnsafeBytes(of: result.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let seconds = String(format: "%.1f s", result.seconds)
        var plan = greedy
        switch Int(result.status) {
        case Int(CMIP_OPTIMAL), Int(CMIP_FEASIBLE):
            let chosen = (0..<nx).filter { x[$0] > 0.5 }.map { r.candidates[$0] }
            let exact = ordered(chosen, instance)
            let better = maximize ? exact.covered > greedy.covered + 1e-9 : exact.cost < greedy.cost - 1e-9
            let optimal = result.status == CMIP_OPTIMAL
            if better || optimal { plan = exact }
            plan.method = better ? "exact" : greedy.method
            let bound = optimal ? (maximize ? max(exact.covered, plan.covered) : min(exact.cost, plan.cost)) : result.bound
            plan.bound = bound
            let value = maximize ? plan.covered : plan.cost
            plan.gap = optimal ? 0 : (maximize ? (bound > 0 ? max(0, bound - value) / bound : 0)
                                               : (value > 0 ? max(0, value - bound) / value : 0))
            plan.solverNote = optimal
                ? "GLPK proved this plan optimal in \(seconds)" + (better ? "" : " (the greedy plan was already optimal)")
                : String(format: "GLPK stopped at the time limit (%@) with a gap of %.2f %%; ", seconds, plan.gap * 100)
                    + (better ? "its best plan is better than greedy's" : "the greedy plan is kept")
        case Int(CMIP_NO_SOLUTION):
            plan.solverNote = "GLPK found no plan within the time limit (\(seconds)); the greedy plan is kept, its quality bound as stated"
        case Int(CMIP_INFEASIBLE):
            plan.solverNote = "GLPK: the goal cannot be reached by any choice of candidates"
            plan.reached = false
        default:
            plan.solverNote = "GLPK failed (\(message)); the greedy plan is kept"
        }
        return plan
    }

    /// The greedy plan as a solution of the program (sites as the kept candidates covering the same
    /// origins, covered demands at 1): the solver's first incumbent, so a search stopped at the time
    /// limit still measures its gap against it. Empty when the greedy plan does not reach the goal
    /// (it is then no feasible solution of the program).
    static func startingSolution(_ greedy: SitingPlan, _ r: ReducedInstance, _ instance: CoverageInstance,
                                 columns: Int, goal: SitingGoal) -> [Double] {
        guard greedy.reached else { return [] }
        let nx = r.candidates.count
        var keptFor: [[Int32]: Int] = [:]
        for (k, c) in r.candidates.enumerated() { keptFor[instance.covers[c]] = k }
        var x = [Double](repeating: 0, count: columns)
        for pick in greedy.picks {
            guard let k = keptFor[instance.covers[pick.candidate]] else { continue }   // covers nothing lacking
            x[k] = 1
        }
        if columns > nx {   // y_d: covered by a chosen site
            for d in r.coveredBy.indices where r.coveredBy[d].contains(where: { x[Int($0)] == 1 }) { x[nx + d] = 1 }
        }
        if case .coverAll = goal, r.coveredBy.contains(where: { !$0.contains { x[Int($0)] == 1 } }) { return [] }
        return x
    }

    /// `sites` as a plan, ordered greedily (largest gain first, ties to the lower index), with each
    /// site's gain given those before it.
    static func ordered(_ sites: [Int], _ instance: CoverageInstance) -> SitingPlan {
        var left = Set(sites), covered = [Bool](repeating: false, count: instance.demandCount)
        var picks: [SitingPlan.Pick] = []
        var total = 0.0
        while !left.isEmpty {
            var best: (gain: Double, c: Int, fresh: [Int32])?
            for c in left.sorted() {
                let fresh = instance.covers[c].filter { !covered[Int($0)] }
                let g = instance.weight(of: fresh.lazy.map { Int($0) })
                if best == nil || g > best!.gain { best = (g, c, fresh) }
            }
            let b = best!
            left.remove(b.c)
            guard b.gain > 0 else { continue }   // a site that adds nothing is left out
            for d in b.fresh { covered[Int(d)] = true }
            picks.append(.init(candidate: b.c, gain: b.gain, newlyCovered: b.fresh))
            total += b.gain
        }
        return SitingPlan(picks: picks, covered: total, cost: picks.reduce(0) { $0 + instance.costs[$1.candidate] }, method: "exact",
                          bound: 0, gap: 0, solverNote: "", reached: true)
    }
}
