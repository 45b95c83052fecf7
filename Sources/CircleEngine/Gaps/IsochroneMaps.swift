import CircleCoverage
import CircleGeo
import CircleGraph
import CircleSupport
import Foundation

/// `--isochrones`: each origin's reachable area within its reach, as a polygon, from the gap
/// maps' cells: a cell is inside when the origin reaches the cell's snapped centre in time.
enum IsochroneMaps {
    struct Inputs: Sendable {
        var study: GapStudy
        var origins: [Origin]
        var originSnaps: [SnappedPoint?]
        /// Every study cell snapped on each mode's network.
        var cellSnaps: [TravelMode: [SnappedPoint?]]
        var nets: [TravelMode: SearchNetwork]
        /// Reach in centimetres per mode.
        var reach: [TravelMode: UInt32]
        var simplifyTolerance: Double
    }

    /// One polygon set per origin (empty for an unsnapped origin).
    static func build(_ input: Inputs) throws -> [GapPolygons] {
        let grid = input.study.grid
        var studyIndex = [Int32](repeating: -1, count: grid.count)
        for (k, c) in input.study.cells.enumerated() { studyIndex[c] = Int32(k) }
        let positions = studyIndex
        let results = ResultSlots<Result<GapPolygons, Error>>(count: input.origins.count)
        let counter = WorkCounter()
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var searches: [TravelMode: MultiSourceSearch] = [:]
            guard let projection = try? Projection(from: "EPSG:4326", to: input.study.metricCRS) else { return }
            while let o = counter.take(below: input.origins.count) {
                results.store(o, Result { try polygon(origin: o, input, positions, &searches, projection) })
            }
        }
        return try results.values.enumerated().map { o, r in
            guard let r else { throw GapGeometryError("no isochrone was computed for origin \(input.origins[o].id)") }
            return try r.get()
        }
    }

    static func polygon(origin o: Int, _ input: Inputs, _ studyIndex: [Int32],
                        _ searches: inout [TravelMode: MultiSourceSearch], _ projection: Projection) throws -> GapPolygons {
        guard let snap = input.originSnaps[o] else { return .empty }
        let mode = input.origins[o].mode
        let net = input.nets[mode]!, limit = input.reach[mode]!
        let search = searches[mode] ?? MultiSourceSearch(nodeCount: net.network.nodes.count)
        searches[mode] = search
        // The cells within straight-line reach of the origin: a square window of the grid.
        let grid = input.study.grid
        var x = [input.origins[o].lon], y = [input.origins[o].lat]
        try projection.forward(&x, &y)
        let radius = Double(limit) / 100
        let c0 = max(0, Int(((x[0] - radius - grid.minX) / grid.size).rounded(.down)))
        let c1 = min(grid.columns - 1, Int(((x[0] + radius - grid.minX) / grid.size).rounded(.up)))
        let r0 = max(0, Int(((y[0] - radius - grid.minY) / grid.size).rounded(.down)))
        let r1 = min(grid.rows - 1, Int(((y[0] + radius - grid.minY) / grid.size).rounded(.up)))
        guard c0 <= c1, r0 <= r1 else { return .empty }
        let width = c1 - c0 + 1, height = r1 - r0 + 1
        var window: [Int] = []   // study indices, -1 outside the study area
        for r in r0...r1 { for c in c0...c1 { window.append(Int(studyIndex[r * grid.columns + c])) } }
        let snaps = input.cellSnaps[mode]!
        let reached = Reachability.reached(from: snap, targets: window.map { $0 >= 0 ? snaps[$0] : nil },
                                           net: net, search: search, limit: limit)
        let traced = RasterPolygons.polygons(cells: reached, columns: width, rows: height)
        let origin = grid.corner(column: c0, row: r0)
        return try GapGeometry.polygons(traced, grid: RasterGrid(originX: origin.x, originY: origin.y, cellSize: grid.size),
                                        simplifyTolerance: input.simplifyTolerance) { x, y in try projection.inverse(&x, &y) }
    }
}
