/// A covering problem: candidate sites, demand points (origins lacking the item) with weights,
/// and which demands each candidate would cover. Pure data: how coverage is decided (searches on
/// the street network, each origin's own mode and reach) is the caller's.
public struct CoverageInstance: Sendable, Equatable {
    /// Weight of each demand (residents, or 1 per origin).
    public var weights: [Double]
    /// Per candidate, the demands it covers: ascending, without repeats.
    public var covers: [[Int32]]
    /// Per candidate, its cost (1 when none is given).
    public var costs: [Double]

    public init(weights: [Double], covers: [[Int32]], costs: [Double]? = nil) {
        self.weights = weights
        self.covers = covers
        self.costs = costs ?? covers.map { _ in 1 }
    }

    public var candidateCount: Int { covers.count }
    public var demandCount: Int { weights.count }

    /// Demands no candidate covers.
    public var uncoverable: [Int] {
        var seen = [Bool](repeating: false, count: weights.count)
        for c in covers { for d in c { seen[Int(d)] = true } }
        return seen.indices.filter { !seen[$0] }
    }

    /// Total weight of `demands`.
    public func weight(of demands: some Sequence<Int>) -> Double {
        demands.reduce(0) { $0 + weights[$1] }
    }

    /// The weight the candidates in `sites` cover together.
    public func coveredWeight(_ sites: [Int]) -> Double {
        var seen = Set<Int32>()
        for s in sites { seen.formUnion(covers[s]) }
        return seen.reduce(0) { $0 + weights[Int($1)] }
    }
}

/// The instance with candidates that cover nothing left out, candidates covering the same demands
/// as a cheaper one (or an equal one with a lower index) left out, and demands that the same
/// candidates cover merged into one (weights added): the same optimum, a much smaller MIP.
struct ReducedInstance {
    /// Candidates kept (indices into the original).
    var candidates: [Int]
    /// Merged demands: weight and the kept candidates (positions in `candidates`) covering each.
    var weights: [Double]
    var coveredBy: [[Int32]]
    var costs: [Double]

    init(_ instance: CoverageInstance) {
        var cheapest: [[Int32]: Int] = [:]
        for c in instance.covers.indices where !instance.covers[c].isEmpty {
            if let k = cheapest[instance.covers[c]], instance.costs[k] <= instance.costs[c] { continue }
            cheapest[instance.covers[c]] = c
        }
        candidates = cheapest.values.sorted()
        costs = candidates.map { instance.costs[$0] }
        var by = [[Int32]](repeating: [], count: instance.demandCount)
        for (k, c) in candidates.enumerated() {
            for d in instance.covers[c] { by[Int(d)].append(Int32(k)) }
        }
        var index: [[Int32]: Int] = [:]
        weights = []
        coveredBy = []
        for d in 0..<instance.demandCount where !by[d].isEmpty {
            if let m = index[by[d]] {
                weights[m] += instance.weights[d]
            } else {
                index[by[d]] = weights.count
                weights.append(instance.weights[d])
                coveredBy.append(by[d])
            }
        }
    }

    var nonzeros: Int { coveredBy.reduce(0) { $0 + $1.count } }
}
