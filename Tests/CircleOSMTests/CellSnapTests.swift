import CircleGeo
import CircleGraph
import CircleOSM
import Foundation
import Testing

/// `Snapper.snapCells` (the gap grid's cells) gives exactly `Snapper.snap`'s result for every
/// point: the same status, edge, segment, offset, access distance and snap point, bit for bit.
@Suite struct CellSnapTests {
    /// Whether two snaps are the same, bit for bit (unsnapped ones hold NaN positions).
    static func same(_ a: Snap, _ b: Snap) -> Bool {
        a.status == b.status && a.edge == b.edge && a.segment == b.segment && a.node == b.node
            && a.offset.bitPattern == b.offset.bitPattern && a.accessDistance.bitPattern == b.accessDistance.bitPattern
            && a.lon.bitPattern == b.lon.bitPattern && a.lat.bitPattern == b.lat.bitPattern
    }

    static func check(_ snapper: Snapper, _ points: [(lon: Double, lat: Double)]) -> (mismatches: Int, snapped: Int) {
        let cells = snapper.snapCells(lon: points.map(\.lon), lat: points.map(\.lat))
        var mismatches = 0, snapped = 0
        for (i, p) in points.enumerated() {
            let one = snapper.snap(lon: p.lon, lat: p.lat)
            if !same(cells[i], one) { mismatches += 1 }
            if one.status == .snapped { snapped += 1 }
        }
        return (mismatches, snapped)
    }

    @Test(arguments: [500.0, 60.0, 15.0])
    func randomPointsOverHelsinki(maxDistance: Double) async throws {
        let n = try await Fixtures.networks(Fixtures.helsinki)
        let snapper = Snapper(network: n.walk, maxDistance: maxDistance)
        var rng = SplitMix(seed: 11)
        // Over the sample and a margin beyond it, in random order.
        let points = (0..<3000).map { _ in (lon: 24.92 + rng.unit() * 0.05, lat: 60.155 + rng.unit() * 0.03) }
        let (mismatches, snapped) = Self.check(snapper, points)
        #expect(mismatches == 0)
        #expect(snapped > 100 && snapped < points.count || maxDistance == 500)
    }

    @Test func denseGridAndVerticesOfHelsinki() async throws {
        let n = try await Fixtures.networks(Fixtures.helsinki)
        let snapper = Snapper(network: n.walk)
        // A 25 m grid (many points per index cell), like a gap grid's centres.
        var points: [(lon: Double, lat: Double)] = []
        for r in 0..<120 { for c in 0..<200 { points.append((24.93 + Double(c) * 0.00045, 60.16 + Double(r) * 0.000225)) } }
        // Shape vertices, where segments tie at their shared end, and points a hair beside them.
        let e = n.walk.edges
        for p in stride(from: 0, to: e.shapeLon.count, by: 7) {
            let lon = Geodesy.degrees(e.shapeLon[p]), lat = Geodesy.degrees(e.shapeLat[p])
            points.append((lon, lat))
            points.append((lon + 1e-9, lat - 1e-9))
        }
        let (mismatches, snapped) = Self.check(snapper, points)
        #expect(mismatches == 0)
        #expect(snapped > 10_000)
    }

    @Test func islandsAndFarPoints() async throws {
        // The fixture with a small island: within 100 m of only the island is "no eligible edge".
        let net = try await Fixtures.networks(Fixtures.osm("snapping")).walk
        let snapper = Snapper(network: net, maxDistance: 100)
        var rng = SplitMix(seed: 5)
        var points = (0..<2000).map { _ in (lon: 121.495 + rng.unit() * 0.02, lat: 31.195 + rng.unit() * 0.012) }
        // Points thousands of kilometres away, outside the index.
        points += [(0, 0), (-120, 45), (150, -30), (121.5, 31.2)]
        let statuses = Set(points.map { snapper.snap(lon: $0.lon, lat: $0.lat).status })
        #expect(statuses == [.snapped, .tooFar, .noEligibleEdge])
        #expect(Self.check(snapper, points).mismatches == 0)
        #expect(Self.check(snapper, Array(points.prefix(2000))).mismatches == 0)
        #expect(snapper.snapCells(lon: [], lat: []).isEmpty)
    }
}
