/// What a plan must achieve.
public enum SitingGoal: Sendable, Equatable {
    /// At most `count` sites covering the most weight (maximal covering).
    case count(Int)
    /// The fewest sites (least total cost, when costs are given) covering every coverable demand
    /// (set cover).
    case coverAll
    /// The fewest sites (least total cost) until the covered weight, `alreadyCovered` included,
    /// reaches `share` of `total`.
    case target(share: Double, alreadyCovered: Double, total: Double)
}

/// How the plan was found and how good it is known to be.
public struct SitingPlan: Sendable, Equatable {
    /// One chosen site, in the order the greedy chose it (or by gain for an exact plan).
    public struct Pick: Sendable, Equatable {
        public var candidate: Int
        /// Weight it newly covers given the sites before it.
        public var gain: Double
        /// Demands it newly covers given the sites before it.
        public var newlyCovered: [Int32]
    }

    public var picks: [Pick]
    /// Total weight covered by the plan.
    public var covered: Double
    /// Total cost of the plan.
    public var cost: Double
    /// `greedy` or `exact`.
    public var method: String
    /// For `count`: the best upper bound on the optimum's covered weight known (greedy's
    /// (1 − 1/e) guarantee, the online bound, or the MIP's bound). For `coverAll` and `target`:
    /// the best lower bound on the optimum's cost.
    public var bound: Double
    /// (|plan − bound|) / |plan| for costs, (bound − plan) / bound for coverage: 0 when proven optimal.
    public var gap: Double
    /// A sentence on the solver: optimal, stopped at the time limit with gap g, not tried (size).
    public var solverNote: String
    /// Whether the goal was reached (`target` may be out of reach of every candidate together).
    public var reached: Bool
}
