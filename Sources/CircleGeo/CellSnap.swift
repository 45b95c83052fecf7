import CircleGraph
import Foundation

extension Snapper {
    /// Snaps many points (a gap grid's cell centres), each with exactly the result of
    /// ``snap(lon:lat:)``; results keep input order and the work is split over all cores.
    ///
    /// The same candidates are visited in the same order with the same arithmetic and tie rule;
    /// only work that cannot change the result is left out: a candidate whose bounding box lies
    /// farther from the point than the best so far plus the tie tolerance (and 1 mm for rounding)
    /// could not become the best and is not computed (nor, by their boxes, whole index cells,
    /// ``CellBoxes``), and an edge's eligibility is looked up only when its candidate would become
    /// the best (or while none is). `CellSnapTests` compares it with ``snap(lon:lat:)``.
    public func snapCells(lon: [Double], lat: [Double]) -> [Snap] {
        precondition(lon.count == lat.count)
        let n = lon.count
        guard n > 0 else { return [] }
        let boxes = CellBoxes(index: index, edges: network.edges)
        var result = [Snap](repeating: .unsnapped(.tooFar), count: n)
        result.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            ParallelRows.ranges(n, perCore: 8) { range in
                var lengths = EdgeLengths()
                for i in range { out[i] = snapCell(lon: lon[i], lat: lat[i], boxes: boxes, lengths: &lengths) }
            }
        }
        return result
    }

    /// What ``snap(lon:lat:)`` gives for one point, skipping candidates that cannot win (whole
    /// index cells by the box of their segments).
    func snapCell(lon: Double, lat: Double, boxes: CellBoxes, lengths: inout EdgeLengths) -> Snap {
        let q = LocalPlane(lon0: lon, lat0: lat)
        let (cx, cy) = index.cell(lon: lon, lat: lat)
        var best = Candidate(distance: .infinity, edge: .max, segment: .max, t: 0)
        var ineligibleWithin = false
        let edges = network.edges, tolerance = Self.tieTolerance
        let maxRing = Int((maxDistance / index.frameScale / index.cellSize).rounded(.up)) + 1
        let mx = q.metresPerDegreeLon, my = q.metresPerDegreeLat
        edges.shapeStart.withUnsafeBufferPointer { shapeStart in
        edges.shapeLon.withUnsafeBufferPointer { shapeLon in
        edges.shapeLat.withUnsafeBufferPointer { shapeLat in
        index.cellStart.withUnsafeBufferPointer { cellStart in
        index.entryEdge.withUnsafeBufferPointer { entryEdge in
        index.entrySegment.withUnsafeBufferPointer { entrySegment in
        boxes.cell.withUnsafeBufferPointer { cellBoxes in
            for ring in 0...maxRing {
                // Every cell of this ring is at least (ring - 1) cells from the point.
                let bound = Double(ring - 1) * index.cellSize * index.frameScale - 1e-3
                if bound > maxDistance || bound > best.distance + tolerance { break }
                forEachCell(inRing: ring, cx: cx, cy: cy) { x, y in
                    guard x >= 0, y >= 0, x < index.columns, y < index.rows else { return }
                    let cell = y * index.columns + x
                    // Every segment of the cell lies in its box: none can win when the box is too far.
                    let b = 4 * cell, limit = best.distance + tolerance + 1e-3
                    let dx = max(max(Double(cellBoxes[b]) * 1e-7 - lon, 0), lon - Double(cellBoxes[b + 1]) * 1e-7) * mx
                    let dy = max(max(Double(cellBoxes[b + 2]) * 1e-7 - lat, 0), lat - Double(cellBoxes[b + 3]) * 1e-7) * my
                    if dx * dx + dy * dy > limit * limit { return }
                    for k in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
                        let e = entryEdge[k], s = entrySegment[k]
                        let p = Int(shapeStart[Int(e)]) + Int(s)
                        let la = shapeLon[p], lb = shapeLon[p + 1], pa = shapeLat[p], pb = shapeLat[p + 1]
                        // The distance to the segment's bounding box (in this plane), a lower bound.
                        let limit = best.distance + tolerance + 1e-3
                        let x0 = Double(min(la, lb)) * 1e-7 - lon, x1 = Double(max(la, lb)) * 1e-7 - lon
                        let y0 = Double(min(pa, pb)) * 1e-7 - lat, y1 = Double(max(pa, pb)) * 1e-7 - lat
                        let bx = max(max(x0, 0), -x1) * mx, by = max(max(y0, 0), -y1) * my
                        if bx * bx + by * by > limit * limit { continue }
                        let c = Self.nearest(lonA: Geodesy.degrees(la), latA: Geodesy.degrees(pa),
                                             lonB: Geodesy.degrees(lb), latB: Geodesy.degrees(pb), edge: e, segment: s, plane: q)
                        guard c.distance <= maxDistance else { continue }
                        // snap(lon:lat:) flags an ineligible edge or takes a better eligible one; the
                        // flag matters only while no eligible edge is the best, when every candidate is better.
                        if c.isBetter(than: best) {
                            if network.isEligible(edge: Int(e)) { best = c } else { ineligibleWithin = true }
                        }
                    }
                }
            }
        }}}}}}}
        guard best.edge != .max else { return .unsnapped(ineligibleWithin ? .noEligibleEdge : .tooFar) }
        let (before, length) = lengths.lengths(edge: best.edge, segment: Int(best.segment), snapper: self)
        return finish(best, plane: q, before: before, length: length)
    }
}

/// The last snapped edge's segment lengths and their running sums (summed from the first, in
/// order, as ``Snapper/finish(_:plane:)`` sums them), kept for the next point: neighbouring
/// cells often snap onto the same edge.
struct EdgeLengths {
    var edge = UInt32.max
    /// Metres of the edge's segments, as far as asked.
    var length: [Double] = []
    /// sum[j]: metres of the segments before segment j.
    var sum: [Double] = [0]

    /// The metres before `segment` of `edge` and of `segment` itself.
    mutating func lengths(edge e: UInt32, segment: Int, snapper: Snapper) -> (before: Double, length: Double) {
        if e != edge {
            edge = e
            length.removeAll(keepingCapacity: true)
            sum.removeAll(keepingCapacity: true)
            sum.append(0)
        }
        let edges = snapper.network.edges
        let first = edges.shape(of: Int(e)).lowerBound
        while length.count <= segment {
            let l = snapper.segmentLength(edges, first + length.count)
            length.append(l)
            sum.append(sum[sum.count - 1] + l)
        }
        return (sum[segment], length[segment])
    }
}

/// The bounding box of each index cell's segments, in fixed-point degrees (an empty cell has an
/// empty box).
struct CellBoxes: Sendable {
    /// Per cell: minLon, maxLon, minLat, maxLat.
    let cell: [Int32]

    init(index: SegmentIndex, edges: EdgeTable) {
        let cells = index.columns * index.rows
        var cellBox = [Int32](repeating: 0, count: 4 * cells)
        cellBox.withUnsafeMutableBufferPointer { cellOut in
            nonisolated(unsafe) let cellOut = cellOut
            ParallelRows.ranges(cells) { range in
                edges.shapeStart.withUnsafeBufferPointer { shapeStart in
                edges.shapeLon.withUnsafeBufferPointer { lons in
                edges.shapeLat.withUnsafeBufferPointer { lats in
                index.cellStart.withUnsafeBufferPointer { cellStart in
                index.entryEdge.withUnsafeBufferPointer { entryEdge in
                index.entrySegment.withUnsafeBufferPointer { entrySegment in
                    for c in range {
                        var b: (Int32, Int32, Int32, Int32) = (.max, .min, .max, .min)
                        for k in Int(cellStart[c])..<Int(cellStart[c + 1]) {
                            let p = Int(shapeStart[Int(entryEdge[k])]) + Int(entrySegment[k])
                            let (la, lb, pa, pb) = (lons[p], lons[p + 1], lats[p], lats[p + 1])
                            b = (min(b.0, min(la, lb)), max(b.1, max(la, lb)), min(b.2, min(pa, pb)), max(b.3, max(pa, pb)))
                        }
                        (cellOut[4 * c], cellOut[4 * c + 1], cellOut[4 * c + 2], cellOut[4 * c + 3]) = b
                    }
                }}}}}}
            }
        }
        cell = cellBox
    }
}
