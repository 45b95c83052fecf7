import CircleCoverage
import CircleGeo
import CircleGraph
import Foundation

/// The sampled study area of the gap maps (SPEC §7): a grid of cells in a local metric
/// projection; each cell in the study area is a hypothetical resident of the territory of its
/// nearest origin (within the same subdistrict when areas are given), travelling by that origin's
/// mode, snapped exactly as an origin.
struct GapStudy {
    /// PROJ string of the local metric projection (transverse Mercator on the data's centre).
    let metricCRS: String
    let grid: CellGrid
    /// Grid indices of the cells in the study area, ascending.
    let cells: [Int]
    /// WGS84 centres of those cells.
    let lon: [Double]
    let lat: [Double]
    /// The origin whose territory holds each cell.
    let territory: [Int]
    /// For each origin, the study cell holding it (nil when outside the study area).
    let originCell: [Int?]

    /// Metres around the network that the study area reaches when no areas are given.
    static let networkMargin = 1000.0

    static func make(origins: [Origin], network: RoadNetwork, areas: AreaPolygons?, cellSize: Double) throws -> GapStudy {
        let nodeLon = network.nodes.lon.map(Geodesy.degrees), nodeLat = network.nodes.lat.map(Geodesy.degrees)
        let metricCRS = Projection.localMetric(lon: nodeLon + origins.map(\.lon), lat: nodeLat + origins.map(\.lat))
        let projection = try Projection(from: "EPSG:4326", to: metricCRS)
        var ox = origins.map(\.lon), oy = origins.map(\.lat)
        try projection.forward(&ox, &oy)

        // The region: the areas' extent, else the network's extent plus the margin.
        var ex: [Double], ey: [Double], margin = 0.0
        if let areas {
            ex = areas.areas.features.flatMap { $0.polygons.flatMap { $0.rings[0].lon } }
            ey = areas.areas.features.flatMap { $0.polygons.flatMap { $0.rings[0].lat } }
        } else {
            (ex, ey, margin) = (nodeLon, nodeLat, networkMargin)
        }
        try projection.forward(&ex, &ey)
        let grid = try CellGrid(minX: (ex.min() ?? 0) - margin, minY: (ey.min() ?? 0) - margin,
                                maxX: (ex.max() ?? 0) + margin, maxY: (ey.max() ?? 0) + margin, size: cellSize)

        // Cell centres in WGS84.
        var cx = [Double](repeating: 0, count: grid.count), cy = cx
        for i in 0..<grid.count { (cx[i], cy[i]) = grid.centre(i) }
        try projection.inverse(&cx, &cy)

        // The study area, and each cell's area polygon when areas are given.
        var inside = [Bool](repeating: false, count: grid.count)
        var cellArea = [Int?](repeating: nil, count: grid.count)
        if let areas {
            for i in 0..<grid.count {
                cellArea[i] = areas.locator.locate(lon: cx[i], lat: cy[i])
                inside[i] = cellArea[i] != nil
            }
        } else {
            inside = try withinMargin(of: network, grid: grid, projection: projection)
        }
        let cells = (0..<grid.count).filter { inside[$0] }

        // Territories: the nearest origin, among those of the same area polygon when there are any.
        let originArea: [Int?] = origins.map { o in areas?.locator.locate(lon: o.lon, lat: o.lat) }
        var groups: [Int: [Int]] = [:]
        for (i, a) in originArea.enumerated() { if let a { groups[a, default: []].append(i) } }
        let all = NearestIndex(x: ox, y: oy)
        let byArea = groups.mapValues { members in (members, NearestIndex(x: members.map { ox[$0] }, y: members.map { oy[$0] })) }
        let territory = cells.map { c -> Int in
            let (x, y) = grid.centre(c)
            if let a = cellArea[c], let (members, index) = byArea[a], let k = index.nearest(x: x, y: y) { return members[k] }
            return all.nearest(x: x, y: y) ?? 0
        }
        var position = [Int: Int]()
        for (k, c) in cells.enumerated() { position[c] = k }
        let originCell = origins.indices.map { o in grid.cell(x: ox[o], y: oy[o]).flatMap { position[$0] } }
        return GapStudy(metricCRS: metricCRS, grid: grid, cells: cells, lon: cells.map { cx[$0] }, lat: cells.map { cy[$0] },
                        territory: territory, originCell: originCell)
    }

    /// Cells whose centre lies within ``networkMargin`` of a cell crossed by the network.
    static func withinMargin(of network: RoadNetwork, grid: CellGrid, projection: Projection) throws -> [Bool] {
        // Shape points, densified so that no segment skips a cell.
        var xs: [Double] = [], ys: [Double] = []
        let e = network.edges
        let step = grid.size / 2 / Geodesy.earthRadius / Geodesy.radiansPerDegree   // degrees, roughly
        for k in 0..<e.count {
            let r = e.shape(of: k)
            for p in r.lowerBound..<(r.upperBound - 1) {
                let (x0, y0) = (Geodesy.degrees(e.shapeLon[p]), Geodesy.degrees(e.shapeLat[p]))
                let (x1, y1) = (Geodesy.degrees(e.shapeLon[p + 1]), Geodesy.degrees(e.shapeLat[p + 1]))
                let n = max(1, Int((max(abs(x1 - x0), abs(y1 - y0)) / step).rounded(.up)))
                for j in 0..<n {
                    let t = Double(j) / Double(n)
                    xs.append(x0 + t * (x1 - x0))
                    ys.append(y0 + t * (y1 - y0))
                }
            }
            xs.append(Geodesy.degrees(e.shapeLon[r.upperBound - 1]))
            ys.append(Geodesy.degrees(e.shapeLat[r.upperBound - 1]))
        }
        try projection.forward(&xs, &ys)
        var marked = [Bool](repeating: false, count: grid.count)
        for i in xs.indices { if let c = grid.cell(x: xs[i], y: ys[i]) { marked[c] = true } }
        let d2 = DistanceTransform.squared(marked: marked, columns: grid.columns, rows: grid.rows)
        let limit = (networkMargin / grid.size) * (networkMargin / grid.size)
        return d2.map { $0 <= limit }
    }
}
