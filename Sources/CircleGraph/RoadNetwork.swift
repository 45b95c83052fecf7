/// The street network of one travel mode: nodes, edges with geometry, search graphs and components.
///
/// Built once per mode by ``RoadNetwork/assemble(mode:nodes:edges:minEligibleNodes:)``; immutable
/// and `Sendable`, so worker threads share one copy.
public struct RoadNetwork: Sendable, Equatable {
    /// The mode this network serves.
    public var mode: TravelMode
    /// Graph nodes, in Hilbert order.
    public var nodes: NodeTable
    /// Edges, in ascending OSM way id then position along the way (SPEC §3).
    public var edges: EdgeTable
    /// Arcs in their allowed direction: `u → v` for every edge that may be travelled from u to v.
    public var forward: CSRGraph
    /// The same arcs reversed (`v → u` for each `u → v`), for searches run backwards from facilities.
    public var backward: CSRGraph
    /// Connected components and which are eligible for snapping.
    public var components: Components
    /// The component size that makes a component eligible (besides the largest).
    public var minEligibleNodes: Int
    /// A contraction hierarchy of `backward` with the coverage search's weights (centimetres), when
    /// the network came from a graph cache that holds one: coverage searches then run PHAST.
    public var hierarchy: ContractionHierarchy?

    public init(mode: TravelMode, nodes: NodeTable, edges: EdgeTable, forward: CSRGraph, backward: CSRGraph,
                components: Components, minEligibleNodes: Int, hierarchy: ContractionHierarchy? = nil) {
        self.mode = mode
        self.nodes = nodes
        self.edges = edges
        self.forward = forward
        self.backward = backward
        self.components = components
        self.minEligibleNodes = minEligibleNodes
        self.hierarchy = hierarchy
    }

    /// Whether edge `e` lies in an eligible component.
    @inlinable
    public func isEligible(edge e: Int) -> Bool {
        components.eligible[Int(components.ofNode[Int(edges.from[e])])]
    }

    /// Total edge length in kilometres.
    public var kilometres: Double { edges.length.reduce(0, +) / 1000 }
}

extension RoadNetwork {
    /// Builds a network from split edges: keeps every edge, parallel edges and loops included
    /// (SPEC §3), renumbers nodes in Hilbert order, builds forward and reverse search graphs and
    /// finds the components.
    ///
    /// Every allowed direction of every edge is an arc, so two nodes joined by several edges have
    /// several arcs and a search takes the cheapest. A loop (an edge from a node to itself) carries
    /// no arc: it never shortens a path. Points still snap to it, and a trip leaves or reaches it
    /// through its node at either end (``TripRules``).
    ///
    /// `edges.from`/`to` index `nodes`; nodes that no edge touches are dropped.
    ///
    /// - Complexity: O(n log n + m).
    public static func assemble(mode: TravelMode, nodes: NodeTable, edges: EdgeTable,
                                minEligibleNodes: Int) -> RoadNetwork {
        var kept = edges   // every edge, renumbered below

        // Renumber the nodes still in use along the Hilbert curve.
        var used = [Bool](repeating: false, count: nodes.count)
        for e in 0..<kept.count {
            used[Int(kept.from[e])] = true
            used[Int(kept.to[e])] = true
        }
        let old = (0..<nodes.count).filter { used[$0] }
        let order = HilbertOrder.permutation(lon: old.map { nodes.lon[$0] }, lat: old.map { nodes.lat[$0] })
        var newId = [UInt32](repeating: .max, count: nodes.count)
        var table = NodeTable()
        for (n, k) in order.enumerated() {
            let o = old[Int(k)]
            newId[o] = UInt32(n)
            table.append(osmId: nodes.osmId[o], lon: nodes.lon[o], lat: nodes.lat[o])
        }
        for e in 0..<kept.count {
            kept.from[e] = newId[Int(kept.from[e])]
            kept.to[e] = newId[Int(kept.to[e])]
        }

        let (fwd, bwd) = searchGraphs(nodeCount: table.count, edges: kept, mode: mode)
        let comps = Components(nodeCount: table.count, edgeFrom: kept.from, edgeTo: kept.to,
                               minEligibleNodes: minEligibleNodes)
        return RoadNetwork(mode: mode, nodes: table, edges: kept, forward: fwd, backward: bwd,
                           components: comps, minEligibleNodes: minEligibleNodes)
    }

    static func searchGraphs(nodeCount: Int, edges: EdgeTable, mode: TravelMode) -> (CSRGraph, CSRGraph) {
        var tails: [UInt32] = [], heads: [UInt32] = [], ids: [UInt32] = []
        tails.reserveCapacity(edges.count * 2)
        heads.reserveCapacity(edges.count * 2)
        ids.reserveCapacity(edges.count * 2)
        for e in 0..<edges.count where edges.from[e] != edges.to[e] {
            let d = edges.directions(of: e)
            if d.contains(.forward) {
                tails.append(edges.from[e]); heads.append(edges.to[e]); ids.append(UInt32(e))
            }
            if d.contains(.backward) {
                tails.append(edges.to[e]); heads.append(edges.from[e]); ids.append(UInt32(e))
            }
        }
        let fwd = CSRGraph(nodeCount: nodeCount, tails: tails, heads: heads, edges: ids)
        if mode == .walk { return (fwd, fwd) }
        let bwd = CSRGraph(nodeCount: nodeCount, tails: heads, heads: tails, edges: ids)
        return (fwd, bwd)
    }
}
