/// The two-step floating catchment area (2SFCA, Luo & Wang 2003) of one item's facilities, with
/// the catchments as `circle analyze` finds them (docs/outputs.md, facilities.csv):
///
/// 1. each facility j: R_j = S_j / Σ_{k reaches j} P_k — its capacity per resident within reach;
/// 2. each origin i: A_i = Σ_{j within reach of i} R_j — the capacity per resident it can reach.
///
/// "Reaches" is the item's coverage rule (each origin's own mode and reach). A facility with no
/// resident within reach has no R_j and adds nothing. Per facility, the report also gives the
/// residents-weighted mean of A_i over the origins whose nearest facility it is.
public enum TwoStepFloatingCatchment {
    public struct Result: Sendable, Equatable {
        /// R_j per facility; nil without a capacity or with no resident within reach.
        public var supplyRatio: [Double?]
        /// A_i per origin; nil when some facility of the item has no capacity.
        public var originAccess: [Double]?
        /// Per facility, Σ P_i A_i / Σ P_i over its catchment; nil without `originAccess` or when
        /// its catchment has no residents.
        public var catchmentAccess: [Double?]
    }

    /// - Parameters:
    ///   - capacity: S_j per facility (nil: not given).
    ///   - reach: per facility, the origins that reach it.
    ///   - nearest: per origin, the facility whose catchment it is in (nil: none within reach).
    ///   - residents: P_i per origin.
    public static func compute(capacity: [Double?], reach: [[Int]], nearest: [Int?], residents: [Double]) -> Result {
        let ratio: [Double?] = capacity.indices.map { j in
            guard let s = capacity[j] else { return nil }
            let demand = reach[j].reduce(0) { $0 + residents[$1] }
            return demand > 0 ? s / demand : nil
        }
        guard capacity.allSatisfy({ $0 != nil }) else {
            return Result(supplyRatio: ratio, originAccess: nil, catchmentAccess: capacity.map { _ in nil })
        }
        var access = [Double](repeating: 0, count: residents.count)
        for j in reach.indices { if let r = ratio[j] { for i in reach[j] { access[i] += r } } }
        var weighted = [Double](repeating: 0, count: capacity.count), people = weighted
        for (i, n) in nearest.enumerated() {
            guard let j = n else { continue }
            weighted[j] += residents[i] * access[i]
            people[j] += residents[i]
        }
        return Result(supplyRatio: ratio, originAccess: access,
                      catchmentAccess: capacity.indices.map { people[$0] > 0 ? weighted[$0] / people[$0] : nil })
    }
}
