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
/// Layout: nodes by *position*, in an order the sweeps can follow (every arc joins a later
/// position, its lower-ranked end, to an earlier one): by level, the highest first
/// (``inSweepOrder()``; `position[node]`); for each
/// position the arcs *into* it from lower ranks (`up…`) and from higher ranks (`down…`), each
/// arc as the tail's position and the weight interleaved in one `UInt32` array.
///
/// Arcs whose weight would exceed ``ContractionHierarchy/weightCap`` are left out: a search
/// bounded below the cap (``MultiSourceSearch/run(hierarchy:sources:limit:)`` refuses larger bounds) never needs them.
public struct ContractionHierarchy: Sendable, Equatable {
    /// Paths longer than this are not represented (2³¹ − 1 units: 21,474 km in centimetres).
    public static let weightCap: UInt32 = 0x7FFF_FFFF

    /// The position of each node (0 = the first of the highest level).
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
        /// Arcs a witness path may have when contracting (longer ones are not looked for, and the
        /// shortcut is added).
        public var witnessHopLimit: Int
        /// The same limit when only estimating a node's priority.
        public var simulationHopLimit: Int

        public init(witnessSettleLimit: Int = 400, simulationSettleLimit: Int = 80, edgeWeight: Int64 = 4,
                    neighbourWeight: Int64 = 2, levelWeight: Int64 = 1, updateNeighbours: Bool = false,
                    witnessHopLimit: Int = 255, simulationHopLimit: Int = 255) {
            self.witnessSettleLimit = witnessSettleLimit
            self.simulationSettleLimit = simulationSettleLimit
            self.edgeWeight = edgeWeight
            self.neighbourWeight = neighbourWeight
            self.levelWeight = levelWeight
            self.updateNeighbours = updateNeighbours
            self.witnessHopLimit = witnessHopLimit
            self.simulationHopLimit = simulationHopLimit
        }
    }

    /// Contracts `graph` with `weights` (one per arc).
    ///
    /// - Complexity: grows faster than linearly; city1m's walk graph (282 k nodes) takes about 18 s of
    ///   CPU, half of it in the last 5 % of the nodes (Benchmarks/README.md).
    public static func build(graph: CSRGraph, weights: [UInt32], tuning: Tuning = Tuning()) -> ContractionHierarchy {
        precondition(weights.count == graph.arcCount)
        var builder = HierarchyBuilder(graph: graph, weights: weights, tuning: tuning)
        return builder.contractAll().inSweepOrder()
    }

    /// Contracts with a witness settle limit (the other settings as by default).
    public static func build(graph: CSRGraph, weights: [UInt32], witnessSettleLimit: Int) -> ContractionHierarchy {
        var tuning = Tuning()
        tuning.witnessSettleLimit = witnessSettleLimit
        tuning.simulationSettleLimit = min(tuning.simulationSettleLimit, witnessSettleLimit)
        return build(graph: graph, weights: weights, tuning: tuning)
    }
}
