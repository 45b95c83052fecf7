import CircleGraph
import Testing

@Suite struct CSRGraphTests {
    @Test func countingSortKeepsArcsOfATailInInputOrder() {
        let g = CSRGraph(nodeCount: 4, tails: [2, 0, 2, 1, 0], heads: [3, 1, 0, 2, 3], edges: [10, 11, 12, 13, 14])
        #expect(g.firstOut == [0, 2, 3, 5, 5])
        #expect(g.head == [1, 3, 2, 3, 0])
        #expect(g.edge == [11, 14, 13, 10, 12])
        #expect(g.arcs(from: 3).isEmpty)
    }

    @Test func hilbertCurveVisitsNeighboursInOrder() {
        // The curve starts at the origin and fills the first 2 × 2 block first.
        #expect(HilbertOrder.index(x: 0, y: 0) == 0)
        #expect(Set([HilbertOrder.index(x: 0, y: 1), HilbertOrder.index(x: 1, y: 1), HilbertOrder.index(x: 1, y: 0)]) == [1, 2, 3])
        // Consecutive curve positions are always adjacent cells (checked on a 64 × 64 corner).
        var cells: [(UInt64, UInt32, UInt32)] = []
        for x in 0..<64 as Range<UInt32> { for y in 0..<64 as Range<UInt32> { cells.append((HilbertOrder.index(x: x, y: y), x, y)) } }
        cells.sort { $0.0 < $1.0 }
        for (a, b) in zip(cells, cells.dropFirst()) where b.0 == a.0 + 1 {
            #expect(abs(Int(a.1) - Int(b.1)) + abs(Int(a.2) - Int(b.2)) == 1)
        }
    }

    @Test func permutationIsABijection() {
        let lon: [Int32] = [5, 1, 9, 3, 3, 7], lat: [Int32] = [2, 8, 4, 6, 6, 0]
        let p = HilbertOrder.permutation(lon: lon, lat: lat)
        #expect(p.sorted() == [0, 1, 2, 3, 4, 5])
        // Identical points keep input order.
        #expect(p.firstIndex(of: 3)! < p.firstIndex(of: 4)!)
    }

    @Test func componentsAndEligibility() {
        // 0-1-2 (3 nodes), 3-4 (2 nodes), 5 alone would not exist; 5-6 (2 nodes).
        let c = Components(nodeCount: 7, edgeFrom: [0, 1, 3, 5], edgeTo: [1, 2, 4, 6], minEligibleNodes: 2)
        #expect(c.ofNode == [0, 0, 0, 1, 1, 2, 2])
        #expect(c.size == [3, 2, 2])
        #expect(c.eligible == [true, true, true])
        let strict = Components(nodeCount: 7, edgeFrom: [0, 1, 3, 5], edgeTo: [1, 2, 4, 6], minEligibleNodes: 500)
        #expect(strict.eligible == [true, false, false])
        // Among equally large components the lowest-numbered is the largest.
        let tie = Components(nodeCount: 4, edgeFrom: [2, 0], edgeTo: [3, 1], minEligibleNodes: 500)
        #expect(tie.eligible == [true, false])
    }
}
