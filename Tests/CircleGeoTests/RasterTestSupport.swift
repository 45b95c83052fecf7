@testable import CircleGeo

/// Helpers shared by the raster, gap geometry and GeoJSON writer tests.
enum RasterFixtures {
    /// A deterministic generator (SplitMix64).
    struct Random: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A raster drawn as text, top (north) row first: `#` set, anything else unset.
    static func raster(_ lines: [String]) -> (cells: [Bool], columns: Int, rows: Int) {
        let rows = lines.count, columns = lines.first?.count ?? 0
        var cells = [Bool](repeating: false, count: columns * rows)
        for (i, line) in lines.enumerated() {
            precondition(line.count == columns)
            for (c, ch) in line.enumerated() where ch == "#" { cells[(rows - 1 - i) * columns + c] = true }
        }
        return (cells, columns, rows)
    }

    /// Cells set independently with probability `fill`.
    static func noise(columns: Int, rows: Int, fill: Double, rng: inout Random) -> [Bool] {
        (0..<(columns * rows)).map { _ in Double.random(in: 0..<1, using: &rng) < fill }
    }

    /// Discs of set cells until about `fill` of the raster is set, then smaller unset discs
    /// (holes and bays), then a sprinkle of single-cell noise.
    static func blobs(columns: Int, rows: Int, fill: Double, maxRadius: Double, rng: inout Random) -> [Bool] {
        var cells = [Bool](repeating: false, count: columns * rows)
        var count = 0
        func disc(_ value: Bool, radius: Double) {
            let cx = Double.random(in: 0..<Double(columns), using: &rng)
            let cy = Double.random(in: 0..<Double(rows), using: &rng)
            let r0 = max(0, Int(cy - radius)), r1 = min(rows - 1, Int(cy + radius))
            let c0 = max(0, Int(cx - radius)), c1 = min(columns - 1, Int(cx + radius))
            guard r0 <= r1, c0 <= c1 else { return }
            for r in r0...r1 {
                for c in c0...c1 {
                    let dx = Double(c) + 0.5 - cx, dy = Double(r) + 0.5 - cy
                    if dx * dx + dy * dy <= radius * radius && cells[r * columns + c] != value {
                        cells[r * columns + c] = value
                        count += value ? 1 : -1
                    }
                }
            }
        }
        let target = Int(fill * Double(columns * rows))
        while count < target { disc(true, radius: Double.random(in: 1...maxRadius, using: &rng)) }
        for _ in 0..<(columns * rows / 400) { disc(false, radius: Double.random(in: 0.5...maxRadius / 4, using: &rng)) }
        for _ in 0..<(columns * rows / 200) { cells[Int.random(in: 0..<(columns * rows), using: &rng)].toggle() }
        return cells
    }

    /// The polygons in corner coordinates as GEOS-ready ``AreaPolygon``s (x in `lon`, y in `lat`).
    static func areaPolygons(_ polygons: [RasterPolygon]) -> [AreaPolygon] {
        polygons.map { p in
            AreaPolygon(rings: ([p.exterior] + p.holes).map { ring in
                AreaRing(lon: ring.map { Double($0.x) }, lat: ring.map { Double($0.y) })
            })
        }
    }

    /// Nil when the polygons form a valid GEOS MultiPolygon, else GEOS's reason.
    static func validityProblem(_ polygons: [AreaPolygon]) -> String? {
        let context = GEOSContext()
        guard let geometry = context.multiPolygon(polygons) else { return "GEOS refused: \(context.lastError ?? "?")" }
        return context.validityProblem(geometry)
    }

    /// Whether (px, py) is strictly inside the closed ring (crossing number; not for boundary points).
    static func inside(_ px: Double, _ py: Double, _ ring: [RasterCorner]) -> Bool {
        var inside = false
        for i in 0..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            let ay = Double(a.y), by = Double(b.y)
            if (ay > py) != (by > py) {
                let x = Double(a.x) + (py - ay) / (by - ay) * Double(b.x - a.x)
                if px < x { inside.toggle() }
            }
        }
        return inside
    }

    /// Whether (px, py) is inside the polygon: inside its exterior and in none of its holes.
    static func inside(_ px: Double, _ py: Double, _ polygon: RasterPolygon) -> Bool {
        inside(px, py, polygon.exterior) && !polygon.holes.contains { inside(px, py, $0) }
    }

    /// Whether the closed ring visits any corner twice or has collinear consecutive edges.
    static func ringProblem(_ ring: [RasterCorner]) -> String? {
        guard ring.count >= 5, ring.first == ring.last else { return "not closed or too short: \(ring.count)" }
        let open = Array(ring.dropLast())
        if Set(open).count != open.count { return "repeats a corner" }
        for i in open.indices {
            let a = open[(i + open.count - 1) % open.count], b = open[i], c = open[(i + 1) % open.count]
            let cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x)
            if cross == 0 { return "collinear corner at (\(b.x), \(b.y))" }
            if a.x != b.x && a.y != b.y { return "non-axis edge" }
        }
        return nil
    }
}
