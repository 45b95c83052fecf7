import CircleGeo
import Testing

@Suite struct CellGridTests {
    @Test func gridCellsAndRefusals() throws {
        let g = try CellGrid(minX: 0, minY: 0, maxX: 100, maxY: 40, size: 10)
        #expect(g.columns == 11 && g.rows == 5)
        #expect(g.cell(x: 15, y: 5) == 1 && g.cell(x: -1, y: 0) == nil)
        #expect(g.centre(12) == (x: 15, y: 15))
        #expect(throws: CellGridError.self) { try CellGrid(minX: 0, minY: 0, maxX: 1, maxY: 1, size: 0) }
        #expect(throws: CellGridError.self) { try CellGrid(minX: 0, minY: 0, maxX: 1e6, maxY: 1e6, size: 0.5) }
    }

    @Test func distanceTransformEqualsBruteForce() {
        var state: UInt64 = 3
        for _ in 0..<30 {
            let columns = 1 + Int(state % 23), rows = 1 + Int((state >> 8) % 17)
            var marked = [Bool](repeating: false, count: columns * rows)
            for i in marked.indices {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                marked[i] = (state >> 33) % 13 == 0
            }
            let d = DistanceTransform.squared(marked: marked, columns: columns, rows: rows)
            for i in marked.indices {
                var best = Double.infinity
                for j in marked.indices where marked[j] {
                    let dx = Double(i % columns - j % columns), dy = Double(i / columns - j / columns)
                    best = min(best, dx * dx + dy * dy)
                }
                #expect(d[i] == best)
            }
        }
    }

    @Test func nearestIndexEqualsBruteForce() {
        var state: UInt64 = 9
        func unit() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let xs = (0..<500).map { _ in unit() * 5000 }, ys = (0..<500).map { _ in unit() * 3000 }
        let index = NearestIndex(x: xs, y: ys)
        for k in 0..<2000 {
            // Mostly near the points, some far outside their extent (up to 1000 km away).
            let far = k % 10 == 0 ? 1e6 : 1.0
            let x = (unit() * 7000 - 1000) * far, y = (unit() * 5000 - 1000) * far
            let brute = xs.indices.min { a, b in
                let da = (xs[a] - x) * (xs[a] - x) + (ys[a] - y) * (ys[a] - y)
                let db = (xs[b] - x) * (xs[b] - x) + (ys[b] - y) * (ys[b] - y)
                return da < db || (da == db && a < b)
            }
            #expect(index.nearest(x: x, y: y) == brute)
        }
        #expect(NearestIndex(x: [], y: []).nearest(x: 0, y: 0) == nil)
    }
}
