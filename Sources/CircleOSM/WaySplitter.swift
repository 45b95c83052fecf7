import CircleGraph

/// Splits the kept ways of one mode into edges (SPEC §3): at every node shared with another kept
/// way, at a node the way visits twice, and at references missing from the file; repeated
/// consecutive references are dropped first.
struct WaySplitter {
    let data: OSMData
    /// Directions per way for this mode; 0 = not in this mode's network.
    let directions: [UInt8]
    /// Per reference, the metres from the previous reference of the same way (``SegmentLengths``).
    let lengths: [Double]

    /// Graph nodes (indexed by first use) and edges in way order.
    func split() -> (NodeTable, EdgeTable) {
        let isSplit = splitPoints()
        var graphId = [UInt32](repeating: .max, count: data.nodeIds.count)
        var nodes = NodeTable()
        var edges = EdgeTable()
        edges.shapeLon.reserveCapacity(data.refIds.count)
        edges.shapeLat.reserveCapacity(data.refIds.count)

        func nodeId(_ i: Int) -> UInt32 {
            if graphId[i] == .max {
                graphId[i] = nodes.append(osmId: data.nodeIds[i], lon: data.nodeLon[i], lat: data.nodeLat[i])
            }
            return graphId[i]
        }

        for w in 0..<data.wayIds.count where directions[w] != 0 {
            let dirs = EdgeDirections(rawValue: directions[w])
            var start = -1          // node index where the current edge began, -1 = none
            var previous = -1       // previous present node index
            var length = 0.0
            forEachRef(of: w) { r, i in
                guard let i else {  // a missing node ends the piece; a partial edge vanishes
                    if start >= 0 { edges.shapeLon.removeLast(edges.shapeLon.count - Int(edges.shapeStart.last!)) }
                    if start >= 0 { edges.shapeLat.removeLast(edges.shapeLat.count - Int(edges.shapeStart.last!)) }
                    start = -1; previous = -1; length = 0
                    return
                }
                if previous >= 0 { length += lengths[r] }
                edges.shapeLon.append(data.nodeLon[i])
                edges.shapeLat.append(data.nodeLat[i])
                if start < 0 {
                    start = i
                } else if isSplit[i] {
                    edges.closeEdge(from: nodeId(start), to: nodeId(i), length: length, directions: dirs,
                                    wayId: data.wayIds[w])
                    edges.shapeLon.append(data.nodeLon[i])
                    edges.shapeLat.append(data.nodeLat[i])
                    start = i
                    length = 0
                }
                previous = i
            }
            // Whatever follows the last split point was already closed there (a way end is a split point).
            edges.shapeLon.removeLast(edges.shapeLon.count - Int(edges.shapeStart.last!))
            edges.shapeLat.removeLast(edges.shapeLat.count - Int(edges.shapeStart.last!))
        }
        return (nodes, edges)
    }

    /// Marks nodes used twice by kept ways (by two ways, or twice by one), and the ends of every
    /// piece between missing references. A piece with fewer than two nodes vanishes and marks
    /// nothing: it neither splits nor connects other ways.
    func splitPoints() -> [Bool] {
        var uses = [UInt8](repeating: 0, count: data.nodeIds.count)
        var isEnd = [Bool](repeating: false, count: data.nodeIds.count)
        var piece: [Int] = []
        func close() {
            if piece.count >= 2 {
                for i in piece where uses[i] < 2 { uses[i] += 1 }
                isEnd[piece[0]] = true
                isEnd[piece[piece.count - 1]] = true
            }
            piece.removeAll(keepingCapacity: true)
        }
        for w in 0..<data.wayIds.count where directions[w] != 0 {
            forEachRef(of: w) { _, i in
                if let i { piece.append(i) } else { close() }
            }
            close()
        }
        for i in uses.indices where uses[i] >= 2 { isEnd[i] = true }
        return isEnd
    }

    /// Calls `body` with each reference's position and node index (nil when missing), dropping
    /// repeated consecutive references.
    @inline(__always)
    func forEachRef(of w: Int, _ body: (Int, Int?) -> Void) {
        var lastId = Int64.min
        for r in data.refs(of: w) {
            let id = data.refIds[r]
            if id == lastId { continue }
            lastId = id
            let index = data.refIndex[r]
            body(r, index == OSMData.missing ? nil : Int(index))
        }
    }
}
