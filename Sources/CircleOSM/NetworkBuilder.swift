import CircleGraph

/// Parameters of network building that change its result; stored in graph caches.
public struct NetworkOptions: Sendable, Hashable, Codable {
    /// Components with at least this many nodes are eligible for snapping besides the largest (SPEC §4).
    public var minEligibleNodes: Int

    public init(minEligibleNodes: Int = 500) {
        self.minEligibleNodes = minEligibleNodes
    }
}

/// The walking and cycling networks of one OSM file.
public struct Networks: Sendable, Equatable {
    public var walk: RoadNetwork
    public var cycle: RoadNetwork

    public init(walk: RoadNetwork, cycle: RoadNetwork) {
        self.walk = walk
        self.cycle = cycle
    }

    /// The network of a mode.
    public subscript(mode: TravelMode) -> RoadNetwork { mode == .walk ? walk : cycle }
}

/// Turns OSM data into per-mode networks: profile, split (every edge kept), reorder, CSR.
public enum NetworkBuilder {
    /// Builds one mode's network.
    ///
    /// - Complexity: O(references + n log n).
    public static func build(_ data: OSMData, mode: TravelMode, directions: [UInt8], lengths: [Double],
                             options: NetworkOptions) -> RoadNetwork {
        let (nodes, edges) = WaySplitter(data: data, directions: directions, lengths: lengths).split()
        return RoadNetwork.assemble(mode: mode, nodes: nodes, edges: edges,
                                    minEligibleNodes: options.minEligibleNodes)
    }

    /// Builds both modes, in parallel.
    public static func build(_ data: OSMData, options: NetworkOptions = NetworkOptions()) async -> Networks {
        let (walkDirs, cycleDirs) = WayDirections.evaluate(data)
        let lengths = SegmentLengths.compute(data)
        async let walk = build(data, mode: .walk, directions: walkDirs, lengths: lengths, options: options)
        async let cycle = build(data, mode: .cycle, directions: cycleDirs, lengths: lengths, options: options)
        return await Networks(walk: walk, cycle: cycle)
    }
}
