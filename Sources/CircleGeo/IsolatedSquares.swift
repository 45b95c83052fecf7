/// Correcting squares that need no overlay: a square that meets no ring of the gap polygons and
/// no other square (each grown by ``LocalRepair/margin``) lies wholly inside one polygon or wholly
/// outside all of them, so cutting it out is adding it as a hole of that polygon, and adding it is
/// a new polygon. That is the point set GEOS's overlays give (they keep every other position and
/// the square's four corners), rounded to the written grid as they would be, and valid: the new
/// ring is more than the margin from every other ring. Most squares are of this kind (the
/// simplified boundary passed an origin by metres; the square is a metre wide).
enum IsolatedSquares {
    typealias Square = (lon: Double, lat: Double, half: Double)

    /// Applies the isolated squares to `polygons` (holes in place, new polygons at the end).
    /// - Returns: The squares still to overlay, and the grown boxes of those applied.
    static func apply(_ polygons: inout [AreaPolygon], include: [Square], exclude: [Square])
        -> (include: [Square], exclude: [Square], applied: [LocalRepair.Box]) {
        let squares = include.map { ($0, true) } + exclude.map { ($0, false) }
        let boxes = squares.map { GapGeometry.squareBox($0.0) }
        let grown = boxes.map { $0.grown(LocalRepair.margin) }
        var blocked = [Bool](repeating: false, count: squares.count)
        // Squares near each other go to the overlays (they may overlap and need dissolving).
        let byWest = grown.indices.sorted { grown[$0].x0 < grown[$1].x0 }
        for (n, k) in byWest.enumerated() {
            var m = n + 1
            while m < byWest.count, grown[byWest[m]].x0 <= grown[k].x1 {
                if grown[byWest[m]].intersects(grown[k]) { blocked[k] = true; blocked[byWest[m]] = true }
                m += 1
            }
        }
        // Squares meeting a ring go to the overlays.
        let index = BoxIndex(grown)
        var owner = [Int](repeating: -1, count: squares.count), owners = [Int](repeating: 0, count: squares.count)
        for (p, polygon) in polygons.enumerated() {
            guard let box = LocalRepair.Box(polygon), index.anyIntersecting(box) else { continue }
            for ring in polygon.rings {
                for i in 0..<max(0, ring.lon.count - 1) {
                    let ax = ring.lon[i], ay = ring.lat[i], bx = ring.lon[i + 1], by = ring.lat[i + 1]
                    let segment = LocalRepair.Box(x0: min(ax, bx), y0: min(ay, by), x1: max(ax, bx), y1: max(ay, by))
                    index.forEachIntersecting(segment) { k in
                        if !blocked[k] && meets(ax, ay, bx, by, grown[k]) { blocked[k] = true }
                    }
                }
            }
            // Which polygon holds each square's centre (robust: the centre is more than half a
            // square from every ring when the square meets none).
            index.forEachIntersecting(box) { k in
                guard !blocked[k], box.contains(x: squares[k].0.lon, y: squares[k].0.lat),
                      holds(polygon, x: squares[k].0.lon, y: squares[k].0.lat) else { return }
                owner[k] = p
                owners[k] += 1
            }
        }
        var restInclude: [Square] = [], restExclude: [Square] = [], applied: [LocalRepair.Box] = []
        var islands: [AreaPolygon] = []
        for (k, (square, inside)) in squares.enumerated() {
            // An included square must lie outside every polygon, an excluded one inside exactly one.
            guard !blocked[k], inside ? owners[k] == 0 : owners[k] == 1 else {
                if inside { restInclude.append(square) } else { restExclude.append(square) }
                continue
            }
            let b = boxes[k]
            let (x0, y0, x1, y1) = (GapGeometry.writtenDegrees(b.x0), GapGeometry.writtenDegrees(b.y0),
                                    GapGeometry.writtenDegrees(b.x1), GapGeometry.writtenDegrees(b.y1))
            if inside {
                islands.append(AreaPolygon(rings: [AreaRing(lon: [x0, x1, x1, x0, x0], lat: [y0, y0, y1, y1, y0])]))
            } else {
                polygons[owner[k]].rings.append(AreaRing(lon: [x0, x0, x1, x1, x0], lat: [y0, y1, y1, y0, y0]))
            }
            applied.append(grown[k])
        }
        polygons += islands
        return (restInclude, restExclude, applied)
    }

    /// Whether the segment from (ax, ay) to (bx, by) meets the closed box.
    static func meets(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ box: LocalRepair.Box) -> Bool {
        if box.contains(x: ax, y: ay) || box.contains(x: bx, y: by) { return true }
        guard min(ax, bx) <= box.x1, max(ax, bx) >= box.x0, min(ay, by) <= box.y1, max(ay, by) >= box.y0 else { return false }
        // The segment's line separates the box's corners, or the box lies on one side of it.
        let dx = bx - ax, dy = by - ay
        var positive = false, negative = false
        for (x, y) in [(box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1)] {
            let side = dx * (y - ay) - dy * (x - ax)
            if side >= 0 { positive = true }
            if side <= 0 { negative = true }
        }
        return positive && negative
    }

    /// Whether `polygon` holds the point (inside its exterior, outside its holes), by ray crossing;
    /// only for points well away from every ring.
    static func holds(_ polygon: AreaPolygon, x: Double, y: Double) -> Bool {
        func inside(_ ring: AreaRing) -> Bool {
            var crossings = false
            var j = ring.lon.count - 1
            for i in 0..<ring.lon.count {
                let (xi, yi, xj, yj) = (ring.lon[i], ring.lat[i], ring.lon[j], ring.lat[j])
                if (yi > y) != (yj > y), x < (xj - xi) * (y - yi) / (yj - yi) + xi { crossings.toggle() }
                j = i
            }
            return crossings
        }
        guard let exterior = polygon.rings.first, inside(exterior) else { return false }
        return !polygon.rings.dropFirst().contains(where: inside)
    }
}
