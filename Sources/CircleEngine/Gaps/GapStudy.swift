import CircleCoverage
import CircleGeo
import CircleGraph
import Foundation

/// What restricts the study area to where people live, besides the access distance.
enum GapMask {
    /// No mask.
    case none
    /// Polygons from a GeoJSON file (`--gap-mask FILE`).
    case file(path: String, areas: AreaSet)
    /// Residential land from the OSM file (`--gap-mask osm`): rings (or single points) in WGS84.
    case osm(path: String, outlines: [[(lon: Double, lat: Double)]])

    /// How summary.json and the report name it.
    var name: String {
        switch self {
        case .none: return "none"
        case .file(let path, _): return path
        case .osm: return "osm"
        }
    }
}

/// The sampled study area of the gap maps (SPEC §7): a grid of cells in a local metric
/// projection; each cell in the study area is a hypothetical resident of the territory of its
/// nearest origin (within the same subdistrict when areas are given), travelling by that origin's
/// mode, snapped exactly as an origin.
///
/// The study area: cells whose centre lies within the walking access distance of an eligible
/// walking edge (exactly), and in an `--areas` polygon when areas are given, and in the mask
/// (`--gap-mask`) when one is given; plus every origin's own cell. Cells outside are neither gap
/// nor covered.
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
    /// For each origin, the study cell holding it (nil when outside the grid).
    let originCell: [Int?]
    /// The access distance, metres.
    var access: Double = GapStudy.defaultAccess
    /// The mask: "none", "osm" or the mask file's path.
    var mask = "none"
    /// Whether `--areas` polygons clipped the study area.
    var clippedByAreas = false

    /// The default walking access distance, metres (docs/gap-maps.md says why).
    static let defaultAccess = 200.0
    /// How far around residential land and buildings `--gap-mask osm` reaches, metres.
    static let residentialBuffer = 50.0
    /// The coarse cell used to measure the study area's share of the grid for the memory guard.
    static let coarseCell = 50.0

    /// The study area in square kilometres: its cells times the cell's area.
    var areaSquareKilometres: Double { Double(cells.count) * grid.size * grid.size / 1e6 }

    /// How the study area was made, in words (summary.json, report).
    var basis: String {
        var parts = [String(format: "land within %g m of the walking network", access)]
        if clippedByAreas { parts.append("inside the --areas polygons") }
        if mask == "osm" { parts.append(String(format: "within %g m of residential land or buildings in the OSM file", Self.residentialBuffer)) }
        else if mask != "none" { parts.append("inside the --gap-mask polygons of \(mask)") }
        return parts.joined(separator: ", ") + ", plus every origin's own cell"
    }

    static func make(origins: [Origin], network: RoadNetwork, areas: AreaPolygons?, cellSize: Double,
                     access: Double = defaultAccess, mask: GapMask = .none, memory: GapMemory? = nil) throws -> GapStudy {
        let nodeLon = network.nodes.lon.map(Geodesy.degrees), nodeLat = network.nodes.lat.map(Geodesy.degrees)
        let metricCRS = Projection.localMetric(lon: nodeLon + origins.map(\.lon), lat: nodeLat + origins.map(\.lat))
        let projection = try Projection(from: "EPSG:4326", to: metricCRS)
        var ox = origins.map(\.lon), oy = origins.map(\.lat)
        try projection.forward(&ox, &oy)

        // The network's eligible edges as projected segments.
        let segments = try networkSegments(network, projection: projection, bucket: max(access, 4 * cellSize, 100))

        // The region: the areas' extent, else the network's extent plus the access distance and a cell.
        var ex: [Double], ey: [Double], margin = 0.0
        if let areas {
            ex = areas.areas.features.flatMap { $0.polygons.flatMap { $0.rings[0].lon } }
            ey = areas.areas.features.flatMap { $0.polygons.flatMap { $0.rings[0].lat } }
            try projection.forward(&ex, &ey)
        } else {
            let extent = SegmentBuckets.extent(x0: segments.x0, y0: segments.y0, x1: segments.x1, y1: segments.y1)
            ex = extent.map { [$0.minX, $0.maxX] } ?? []
            ey = extent.map { [$0.minY, $0.maxY] } ?? []
            margin = access + cellSize
        }
        let box = (minX: (ex.min() ?? 0) - margin, minY: (ey.min() ?? 0) - margin,
                   maxX: (ex.max() ?? 0) + margin, maxY: (ey.max() ?? 0) + margin)

        // The memory guard, before any O(cells) structure: the study area's share of the grid
        // measured on a coarse grid (access distance only, so an upper bound).
        // (With cells of the coarse size or larger, the coarse grid is the grid itself: measured once.)
        var measured: (grid: CellGrid, inside: [Bool])?
        if let memory {
            let coarse = try CellGrid(minX: box.minX, minY: box.minY, maxX: box.maxX, maxY: box.maxY,
                                      size: max(cellSize, coarseCell))
            let within = StudyRaster.within(access, of: segments, grid: coarse)
            let share = Double(within.count { $0 }) / Double(coarse.count)
            try memory.check(cellSize: cellSize, width: box.maxX - box.minX, height: box.maxY - box.minY, studyShare: share,
                             fixed: Double(segments.count) * GapMemory.segmentBytes)
            if coarse.size == cellSize { measured = (coarse, within) }
        }
        let grid = try CellGrid(minX: box.minX, minY: box.minY, maxX: box.maxX, maxY: box.maxY, size: cellSize)

        // Within the access distance; then the mask; then the areas (on the remaining cells only).
        var inside = measured.flatMap { $0.grid == grid ? $0.inside : nil } ?? StudyRaster.within(access, of: segments, grid: grid)
        measured = nil
        if case .osm(_, let outlines) = mask {
            var marked = [Bool](repeating: false, count: grid.count)
            // Every outline projected in one call (a city has hundreds of thousands of buildings).
            var xs = outlines.flatMap { $0.map(\.lon) }, ys = outlines.flatMap { $0.map(\.lat) }
            try projection.forward(&xs, &ys)
            var start = 0
            for outline in outlines {
                let end = start + outline.count
                StudyRaster.mark(ring: Array(xs[start..<end]), Array(ys[start..<end]), on: grid, into: &marked)
                start = end
            }
            let near = StudyRaster.near(marked: marked, buffer: residentialBuffer, grid: grid)
            for c in 0..<grid.count where inside[c] && !near[c] { inside[c] = false }
        }
        // Every origin's own cell is inside.
        let ownCell = origins.indices.map { grid.cell(x: ox[$0], y: oy[$0]) }
        let own = Self.ownCells(ownCell)   // ascending, each once
        var candidates = Self.candidates(inside: &inside, own: own)
        inside = []
        var cx = [Double](repeating: 0, count: candidates.count), cy = cx
        for (k, c) in candidates.enumerated() { (cx[k], cy[k]) = grid.centre(c) }
        try projection.inverseSplit(&cx, &cy)
        var cellArea = [Int?](repeating: nil, count: candidates.count)
        var keep = [Bool](repeating: true, count: candidates.count)
        if case .file(_, let polygons) = mask {
            let locator = AreaLocator(polygons)
            for k in candidates.indices where locator.locate(lon: cx[k], lat: cy[k]) == nil { keep[k] = false }
        }
        if let areas {
            for k in candidates.indices {
                cellArea[k] = areas.locator.locate(lon: cx[k], lat: cy[k])
                if cellArea[k] == nil { keep[k] = false }
            }
        }
        Self.keepOwn(&keep, candidates: candidates, own: own)
        let kept = candidates.indices.filter { keep[$0] }
        let cells = kept.map { candidates[$0] }
        let lon = kept.map { cx[$0] }, lat = kept.map { cy[$0] }
        let areaOf = kept.map { cellArea[$0] }
        candidates = []

        // Territories: the nearest origin, among those of the same area polygon when there are any.
        let originArea: [Int?] = origins.map { o in areas?.locator.locate(lon: o.lon, lat: o.lat) }
        var groups: [Int: [Int]] = [:]
        for (i, a) in originArea.enumerated() { if let a { groups[a, default: []].append(i) } }
        let all = NearestIndex(x: ox, y: oy)
        let byArea = groups.mapValues { members in (members, NearestIndex(x: members.map { ox[$0] }, y: members.map { oy[$0] })) }
        let territory = Self.territories(cells.count) { k -> Int in
            let (x, y) = grid.centre(cells[k])
            if let a = areaOf[k], let (members, index) = byArea[a], let n = index.nearest(x: x, y: y) { return members[n] }
            return all.nearest(x: x, y: y) ?? 0
        }
        let originCell = ownCell.map { c in c.flatMap { Self.position(of: $0, in: cells) } }
        var study = GapStudy(metricCRS: metricCRS, grid: grid, cells: cells, lon: lon, lat: lat, territory: territory,
                             originCell: originCell)
        study.access = access
        study.mask = mask.name
        study.clippedByAreas = areas != nil
        return study
    }

    /// The index of `cell` in the ascending `cells`, or nil.
    static func position(of cell: Int, in cells: [Int]) -> Int? {
        var lo = 0, hi = cells.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cells[mid] < cell { lo = mid + 1 } else { hi = mid }
        }
        return lo < cells.count && cells[lo] == cell ? lo : nil
    }

    /// Every segment of the eligible walking edges' shapes, projected.
    static func networkSegments(_ network: RoadNetwork, projection: Projection, bucket: Double) throws -> SegmentBuckets {
        let e = network.edges, nodes = network.nodes
        // Each position projected once where edges share it: an end point at its node's position
        // takes the node's projection (the same input, so the same result); other points their own.
        var qx: [Double] = [], qy: [Double] = []   // the positions to project
        var nodeSlot = [Int32](repeating: -1, count: nodes.lon.count)
        var slot: [Int32] = [], ends: [Int] = []   // each shape point's position in qx, qy
        slot.reserveCapacity(e.shapeLon.count)
        qx.reserveCapacity(e.shapeLon.count)
        qy.reserveCapacity(e.shapeLon.count)
        ends.reserveCapacity(e.count)
        func add(_ lon: Int32, _ lat: Int32) -> Int32 {
            qx.append(Geodesy.degrees(lon))
            qy.append(Geodesy.degrees(lat))
            return Int32(qx.count - 1)
        }
        for k in 0..<e.count where network.isEligible(edge: k) {
            let r = e.shape(of: k)
            for p in r {
                let node = p == r.lowerBound ? Int(e.from[k]) : p == r.upperBound - 1 ? Int(e.to[k]) : -1
                if node >= 0 && nodes.lon[node] == e.shapeLon[p] && nodes.lat[node] == e.shapeLat[p] {
                    if nodeSlot[node] < 0 { nodeSlot[node] = add(e.shapeLon[p], e.shapeLat[p]) }
                    slot.append(nodeSlot[node])
                } else {
                    slot.append(add(e.shapeLon[p], e.shapeLat[p]))
                }
            }
            ends.append(slot.count)
        }
        nodeSlot = []
        try projection.forwardSplit(&qx, &qy)
        var x0: [Double] = [], y0: [Double] = [], x1: [Double] = [], y1: [Double] = []
        x0.reserveCapacity(slot.count); y0.reserveCapacity(slot.count); x1.reserveCapacity(slot.count); y1.reserveCapacity(slot.count)
        var start = 0
        for end in ends {
            if end - start == 1 {   // a one-point shape: a segment of no length
                let q = Int(slot[start])
                x0.append(qx[q]); y0.append(qy[q]); x1.append(qx[q]); y1.append(qy[q])
            }
            for p in start..<max(start, end - 1) {
                let a = Int(slot[p]), b = Int(slot[p + 1])
                x0.append(qx[a]); y0.append(qy[a]); x1.append(qx[b]); y1.append(qy[b])
            }
            start = end
        }
        qx = []
        qy = []
        slot = []
        return SegmentBuckets(x0: x0, y0: y0, x1: x1, y1: y1, bucket: bucket)
    }
}
