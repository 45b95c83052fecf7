@testable import CircleReport
import Testing

/// Chaining with the indexed line ends joins exactly as the plain greedy walk does.
@Suite struct MapChainTests {
    /// The walk as first written: a dictionary from point to the lines ending there.
    static func reference(_ lines: [[GridPoint]], tolerance: Double) -> [[GridPoint]] {
        var byEnd: [GridPoint: [Int]] = [:]
        for (i, line) in lines.enumerated() where line.count >= 2 {
            byEnd[line[0], default: []].append(i)
            byEnd[line[line.count - 1], default: []].append(i)
        }
        var used = [Bool](repeating: false, count: lines.count)
        func next(at p: GridPoint) -> Int? { byEnd[p]?.first { !used[$0] } }
        var out: [[GridPoint]] = []
        for i in lines.indices where !used[i] && lines[i].count >= 2 {
            used[i] = true
            var current = lines[i]
            for pass in 0..<2 {
                if pass == 1 { current.reverse() }
                while let j = next(at: current[current.count - 1]) {
                    used[j] = true
                    let line = lines[j]
                    if line[0] == current[current.count - 1] { current.append(contentsOf: line.dropFirst()) }
                    else { current.append(contentsOf: line.reversed().dropFirst()) }
                }
            }
            out.append(MapGeometry.simplify(current, tolerance: tolerance))
        }
        return out
    }

    @Test func matchesReferenceOnRandomGrids() {
        var state: UInt64 = 3
        func random(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        for size in [1, 3, 6, 12] {
            var lines: [[GridPoint]] = []
            for _ in 0..<(size * size * 2) {
                let a = GridPoint(x: random(size) * 10 - 20, y: random(size) * 10)
                let b = GridPoint(x: random(size) * 10 - 20, y: random(size) * 10)
                switch random(4) {
                case 0: lines.append([a])   // too short: skipped
                case 1: lines.append([a, GridPoint(x: a.x + 3, y: a.y + 1), a])   // a loop
                default: lines.append([a, GridPoint(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 + 1), b])
                }
            }
            for tolerance in [0.0, 3.0] {
                #expect(MapGeometry.chain(lines, tolerance: tolerance) == Self.reference(lines, tolerance: tolerance))
            }
        }
        #expect(MapGeometry.chain([], tolerance: 3).isEmpty)
    }
}
