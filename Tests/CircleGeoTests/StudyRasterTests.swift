@testable import CircleGeo
import Foundation
import Testing

/// The gap maps' study area (issue 15 §2): cells whose centre is within the access distance of a
/// street, exactly — the distance-transform shortcut must agree with measuring every cell.
@Suite struct StudyRasterTests {
    typealias F = RasterFixtures

    /// Random street-like segments (some far outside the grid, some of no length), random cell
    /// sizes and distances: `within` equals the brute-force answer cell for cell.
    @Test func withinEqualsBruteForce() throws {
        var rng = F.Random(seed: 99)
        for trial in 0..<40 {
            let size = [10.0, 25, 50, 73.3][trial % 4]
            let distance = Double.random(in: 5...400, using: &rng)
            let grid = try CellGrid(minX: -1000, minY: -700, maxX: Double.random(in: 0...1500, using: &rng),
                                    maxY: Double.random(in: 0...1200, using: &rng), size: size)
            var x0: [Double] = [], y0: [Double] = [], x1: [Double] = [], y1: [Double] = []
            for k in 0..<Int.random(in: 1...60, using: &rng) {
                let ax = Double.random(in: -1600...2100, using: &rng), ay = Double.random(in: -1300...1800, using: &rng)
                let long = k % 7 == 0
                let bx = k % 11 == 0 ? ax : ax + Double.random(in: -1...1, using: &rng) * (long ? 2000 : 150)
                let by = k % 11 == 0 ? ay : ay + Double.random(in: -1...1, using: &rng) * (long ? 2000 : 150)
                x0.append(ax); y0.append(ay); x1.append(bx); y1.append(by)
            }
            let segments = SegmentBuckets(x0: x0, y0: y0, x1: x1, y1: y1, bucket: max(distance, 100))
            let fast = StudyRaster.within(distance, of: segments, grid: grid)
            var wrong = 0
            for c in 0..<grid.count {
                let (x, y) = grid.centre(c)
                let exact = x0.indices.contains { i in
                    SegmentBuckets.squaredDistance(x, y, x0[i], y0[i], x1[i], y1[i]) <= distance * distance
                }
                if exact != fast[c] { wrong += 1 }
            }
            #expect(wrong == 0, "trial \(trial): \(wrong) of \(grid.count) cells differ (cell \(size) m, distance \(distance) m)")
        }
    }

    /// A building smaller than a cell marks the cell its corners are in; a large area marks the
    /// cells whose centre it holds; the buffer reaches that far around them.
    @Test func residentialMarks() throws {
        let grid = try CellGrid(minX: 0, minY: 0, maxX: 990, maxY: 990, size: 50)
        var marked = [Bool](repeating: false, count: grid.count)
        StudyRaster.mark(ring: [510, 520, 520, 510], [510, 510, 522, 522], on: grid, into: &marked)   // one small building
        #expect(marked.filter { $0 }.count == 1 && marked[grid.cell(x: 515, y: 515)!])
        marked = [Bool](repeating: false, count: grid.count)
        StudyRaster.mark(ring: [0, 300, 300, 0], [0, 0, 200, 200], on: grid, into: &marked)            // 6 × 4 cells
        // 24 centres inside, and the cells of three corners beyond them ((300, 0), (300, 200), (0, 200)).
        #expect(marked.filter { $0 }.count == 27, "\(marked.filter { $0 }.count)")
        for r in 0..<4 { for c in 0..<6 { #expect(marked[r * grid.columns + c]) } }
        let near = StudyRaster.near(marked: marked, buffer: 50, grid: grid)
        #expect(near[grid.cell(x: 325, y: 100)!] && !near[grid.cell(x: 425, y: 100)!])
    }
}
