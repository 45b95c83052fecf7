@testable import CircleSiting
import CircleSupport
import Foundation
import Testing

/// The siting solvers against plain greedy and exhaustive search on random instances.
struct SolverTests {
    /// A seeded generator (SplitMix64), so a failure names its seed.
    typealias Seeded = SplitMix64

    static func random(seed: UInt64, candidates: Int, demands: Int, costs: Bool) -> CoverageInstance {
        var rng = Seeded(seed: seed)
        let weights = (0..<demands).map { _ in Double(Int.random(in: 1...5, using: &rng)) }
        let covers = (0..<candidates).map { _ -> [Int32] in
            let n = Int.random(in: 0...max(1, demands / 3), using: &rng)
            return Array(Set((0..<n).map { _ in Int32.random(in: 0..<Int32(demands), using: &rng) })).sorted()
        }
        let c = costs ? (0..<candidates).map { _ in Double(Int.random(in: 1...4, using: &rng)) } : nil
        return CoverageInstance(weights: weights, covers: covers, costs: c)
    }

    /// Plain greedy: every candidate evaluated at every step.
    static func plainGreedy(_ inst: CoverageInstance, k: Int) -> [Int] {
        var chosen: [Int] = [], covered = Set<Int32>()
        for _ in 0..<k {
            var best: (Double, Int)?
            for c in inst.covers.indices where !chosen.contains(c) {
                let g = inst.covers[c].filter { !covered.contains($0) }.reduce(0.0) { $0 + inst.weights[Int($1)] }
                if g > 0 && (best == nil || g > best!.0) { best = (g, c) }
            }
            guard let b = best else { break }
            chosen.append(b.1)
            covered.formUnion(inst.covers[b.1])
        }
        return chosen
    }

    /// Every subset of at most `k` candidates (or any size): the best covered weight, or the least
    /// cost covering every coverable demand.
    static func exhaustive(_ inst: CoverageInstance, k: Int?) -> Double {
        let n = inst.candidateCount
        let coverable = Set(inst.covers.flatMap { $0 })
        var best = k == nil ? Double.infinity : 0
        for mask in 0..<(1 << n) {
            let sites = (0..<n).filter { mask & (1 << $0) != 0 }
            if let k {
                guard sites.count <= k else { continue }
                best = max(best, inst.coveredWeight(sites))
            } else {
                var seen = Set<Int32>()
                for s in sites { seen.formUnion(inst.covers[s]) }
                if seen == coverable { best = min(best, sites.reduce(0) { $0 + inst.costs[$1] }) }
            }
        }
        return best
    }

    @Test func lazyGreedyPicksWhatPlainGreedyPicks() {
        for seed in UInt64(1)...200 {
            let inst = Self.random(seed: seed, candidates: 30, demands: 60, costs: false)
            for k in [1, 3, 7] {
                let plan = LazyGreedy.solve(inst, goal: .count(k))
                #expect(plan.picks.map(\.candidate) == Self.plainGreedy(inst, k: k), "seed \(seed) k \(k)")
                #expect(abs(plan.covered - inst.coveredWeight(plan.picks.map(\.candidate))) < 1e-9)
            }
        }
    }

    @Test func greedyBoundsHoldAgainstExhaustiveSearch() {
        for seed in UInt64(1)...60 {
            let inst = Self.random(seed: seed, candidates: 12, demands: 25, costs: false)
            for k in [2, 3] {
                let plan = LazyGreedy.solve(inst, goal: .count(k))
                let optimum = Self.exhaustive(inst, k: k)
                #expect(plan.covered <= optimum + 1e-9)
                #expect(plan.covered >= (1 - 1 / M_E) * optimum - 1e-9, "seed \(seed): greedy below its guarantee")
                #expect(plan.bound >= optimum - 1e-9, "seed \(seed): the reported bound \(plan.bound) is below the optimum \(optimum)")
            }
        }
    }

    @Test func exactPlansEqualTheBruteForceOptimum() {
        for seed in UInt64(1)...40 {
            let inst = Self.random(seed: seed, candidates: 12, demands: 25, costs: seed % 2 == 0)
            for k in [2, 4] {
                let greedy = LazyGreedy.solve(inst, goal: .count(k))
                let exact = ExactCover.solve(inst, goal: .count(k), greedy: greedy, timeLimit: 30)
                let optimum = Self.exhaustive(inst, k: k)
                #expect(abs(exact.covered - optimum) < 1e-9, "seed \(seed) k \(k): \(exact.covered) vs \(optimum); \(exact.solverNote)")
                #expect(exact.gap == 0 && exact.picks.count <= k)
                #expect(abs(exact.covered - inst.coveredWeight(exact.picks.map(\.candidate))) < 1e-9)
            }
            let greedy = LazyGreedy.solve(inst, goal: .coverAll)
            let exact = ExactCover.solve(inst, goal: .coverAll, greedy: greedy, timeLimit: 30)
            #expect(abs(exact.cost - Self.exhaustive(inst, k: nil)) < 1e-9, "seed \(seed): \(exact.solverNote)")
            #expect(Set(exact.picks.flatMap(\.newlyCovered)) == Set(inst.covers.flatMap { $0 }), "seed \(seed): not every demand covered")
            #expect(greedy.cost >= exact.cost - 1e-9 && greedy.bound <= exact.cost + 1e-9, "seed \(seed): greedy's lower bound")
        }
    }

    @Test func targetStopsAtTheShare() {
        let inst = CoverageInstance(weights: [1, 1, 1, 1, 1, 1], covers: [[0, 1, 2], [3], [4], [5], [3, 4]])
        // 2 of 8 already covered; 0.75 of 8 = 6 means 4 more: {0,1,2} then one of the rest.
        let plan = LazyGreedy.solve(inst, goal: .target(share: 0.75, alreadyCovered: 2, total: 8))
        #expect(plan.picks.map(\.candidate) == [0, 4] && plan.reached)
        let exact = ExactCover.solve(inst, goal: .target(share: 0.75, alreadyCovered: 2, total: 8), greedy: plan, timeLimit: 10)
        #expect(exact.cost == 2 && exact.reached)
        let out = LazyGreedy.solve(inst, goal: .target(share: 1.0, alreadyCovered: 0, total: 10))
        #expect(!out.reached && out.covered == 6)
    }

    @Test func reductionMergesDemandsWithTheSameCandidates() {
        let inst = CoverageInstance(weights: [1, 2, 3, 4], covers: [[0, 1, 2], [], [0, 1, 3], [0, 1, 2]], costs: [2, 1, 1, 1])
        let r = ReducedInstance(inst)
        #expect(r.candidates == [2, 3])   // 3 covers what 0 covers, more cheaply
        #expect(r.weights == [3, 3, 4] && r.coveredBy == [[0, 1], [1], [0]])
        #expect(inst.uncoverable.isEmpty)
        #expect(CoverageInstance(weights: [1, 1], covers: [[0]]).uncoverable == [1])
    }

    /// The greedy plan handed to GLPK as its first incumbent is a feasible solution of each program
    /// with greedy's own objective value; a search given almost no time keeps a plan at least as good
    /// as greedy's, with a bound the plan does not pass.
    @Test func greedyStartIsAFeasibleSolutionOfTheProgram() {
        for seed in UInt64(1)...60 {
            let inst = Self.random(seed: seed, candidates: 40, demands: 80, costs: seed % 2 == 0)
            let r = ReducedInstance(inst)
            let nx = r.candidates.count
            for k in [1, 3, 6] {
                let greedy = LazyGreedy.solve(inst, goal: .count(k))
                let x = ExactCover.startingSolution(greedy, r, inst, columns: nx + r.weights.count, goal: .count(k))
                #expect(x.count == nx + r.weights.count)
                #expect(x[..<nx].reduce(0, +) <= Double(k), "seed \(seed) k \(k): more than k sites")
                for d in r.coveredBy.indices {
                    #expect(x[nx + d] <= r.coveredBy[d].reduce(0) { $0 + x[Int($1)] }, "seed \(seed): y above its sites")
                }
                let objective = r.weights.indices.reduce(0.0) { $0 + r.weights[$1] * x[nx + $1] }
                #expect(abs(objective - greedy.covered) < 1e-9, "seed \(seed) k \(k): \(objective) vs greedy \(greedy.covered)")
                let rushed = ExactCover.solve(inst, goal: .count(k), greedy: greedy, timeLimit: 0.001)
                #expect(rushed.covered >= greedy.covered - 1e-9 && rushed.bound >= rushed.covered - 1e-9, "seed \(seed): \(rushed.solverNote)")
            }
            let greedy = LazyGreedy.solve(inst, goal: .coverAll)
            let x = ExactCover.startingSolution(greedy, r, inst, columns: nx, goal: .coverAll)
            #expect(x.count == nx, "seed \(seed): greedy covers every coverable demand, so it is a start")
            for d in r.coveredBy.indices { #expect(r.coveredBy[d].contains { x[Int($0)] == 1 }, "seed \(seed): demand \(d) uncovered") }
            #expect(r.costs.indices.reduce(0.0) { $0 + r.costs[$1] * x[$1] } <= greedy.cost + 1e-9)
        }
    }
}
