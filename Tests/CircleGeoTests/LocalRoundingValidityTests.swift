@testable import CircleGeo
import Foundation
import Testing

/// `GapGeometry.roundedIsValidLocally`: whenever it shows a rounded set valid, GEOS finds the whole
/// rounded set valid. Random sets of rings a few 1e-7° apart (so that rounding to the written grid
/// often makes them touch or cross) exercise both answers.
@Suite struct LocalRoundingValidityTests {
    typealias F = RasterFixtures

    static func square(_ x0: Double, _ y0: Double, _ side: Double, clockwise: Bool = false) -> AreaRing {
        let ring = AreaRing(lon: [x0, x0 + side, x0 + side, x0, x0], lat: [y0, y0, y0 + side, y0 + side, y0])
        return clockwise ? AreaRing(lon: ring.lon.reversed(), lat: ring.lat.reversed()) : ring
    }

    /// A shell with tiny holes and tiny polygons around it, valid in floating point.
    static func crowded(rng: inout F.Random) -> [AreaPolygon] {
        let x0 = 121.5 + Double.random(in: 0..<1e-4, using: &rng), y0 = 31.2 + Double.random(in: 0..<1e-4, using: &rng)
        let side = 4e-6
        var boxes: [(Double, Double, Double)] = []
        func free(_ x: Double, _ y: Double, _ s: Double) -> Bool {
            boxes.allSatisfy { b in x + s < b.0 || b.0 + b.2 < x || y + s < b.1 || b.1 + b.2 < y }
        }
        var holes: [AreaRing] = [], islands: [AreaPolygon] = []
        for _ in 0..<Int.random(in: 4...40, using: &rng) {
            let s = Double.random(in: 1.2e-7...8e-7, using: &rng)
            // Inside the shell (a hole) or just outside it (a polygon of its own), near the edge often.
            let inside = Bool.random(using: &rng)
            let x = inside ? Double.random(in: (x0 + 1e-8)...(x0 + side - s - 1e-8), using: &rng)
                           : x0 + side + Double.random(in: 1e-8...6e-7, using: &rng)
            let y = Double.random(in: (y0 + 1e-8)...(y0 + side - s - 1e-8), using: &rng)
            guard free(x, y, s) else { continue }
            boxes.append((x, y, s))
            if inside { holes.append(square(x, y, s, clockwise: true)) } else { islands.append(AreaPolygon(rings: [square(x, y, s)])) }
        }
        return [AreaPolygon(rings: [square(x0, y0, side)] + holes)] + islands
    }

    @Test func shownValidMeansValid() throws {
        var shown = 0, invalid = 0, cases = 0
        for seed in UInt64(1)...400 {
            var rng = F.Random(seed: seed)
            let parts = Self.crowded(rng: &rng)
            guard F.validityProblem(parts) == nil else { continue }
            cases += 1
            let onGrid = parts.map(GapGeometry.rounded)
            let problem = F.validityProblem(onGrid)
            if problem != nil { invalid += 1 }
            if GapGeometry.roundedIsValidLocally(parts, onGrid, context: GEOSContext()) == true {
                shown += 1
                #expect(problem == nil, "seed \(seed): shown valid, but GEOS: \(problem ?? "")")
            }
        }
        #expect(cases > 300)
        #expect(invalid > 20, "rounding broke only \(invalid) sets: the test lost its edge")
        #expect(shown > 50, "only \(shown) of \(cases) shown valid")
    }

    /// Far apart rings: no close pair, valid without asking GEOS; a hole pushed onto its shell's
    /// edge by rounding: not shown.
    @Test func plainCases() {
        let far = [AreaPolygon(rings: [Self.square(0, 0, 0.001)]), AreaPolygon(rings: [Self.square(0.002, 0, 0.001)])]
        #expect(RoundingCheck.closePairs(far, limit: 10) == [])
        #expect(GapGeometry.roundedIsValidLocally(far, far.map(GapGeometry.rounded), context: GEOSContext()) == true)
        let shell = Self.square(0, 0, 0.001), hole = Self.square(0.4e-7, 0.0002, 0.0001, clockwise: true)
        let touching = [AreaPolygon(rings: [shell, hole])]
        #expect(F.validityProblem(touching) == nil)
        #expect(GapGeometry.roundedIsValidLocally(touching, touching.map(GapGeometry.rounded), context: GEOSContext()) == nil)
    }
}

/// `RoundingCheck.movedClosePairs` lists every close pair that rounding can change (those of the
/// full scan with a moving position, or a moving neighbour of it, or a segment with a moving end)
/// and no pair the full scan does not list; where much of the set moves it is the full scan.
@Suite struct MovedClosePairsTests {
    typealias F = RasterFixtures

    /// The crowded sets of LocalRoundingValidityTests with some rings already on the grid, as the
    /// overlays' inputs are.
    static func partlyRounded(rng: inout F.Random, share: Double) -> [AreaPolygon] {
        LocalRoundingValidityTests.crowded(rng: &rng).map { polygon in
            AreaPolygon(rings: polygon.rings.map { ring in
                Double.random(in: 0..<1, using: &rng) < share ? GapGeometry.rounded(AreaPolygon(rings: [ring])).rings[0] : ring
            })
        }
    }

    @Test func sameAsTheFullScanWhereRoundingMoves() throws {
        var nonEmpty = 0, shown = 0, restricted = 0
        for seed in UInt64(1)...300 {
            var rng = F.Random(seed: seed &+ 77)
            let parts = Self.partlyRounded(rng: &rng, share: seed % 2 == 0 ? 0.7 : 0.97)
            let onGrid = parts.map(GapGeometry.rounded)
            guard let all = RoundingCheck.closePairs(parts, limit: 100_000),
                  let moved = RoundingCheck.movedClosePairs(parts, rounded: onGrid, limit: 100_000) else {
                Issue.record("seed \(seed): no answer")
                continue
            }
            func moves(_ p: (polygon: Int, ring: Int, index: Int)) -> Bool {
                let ring = parts[p.polygon].rings[p.ring], done = onGrid[p.polygon].rings[p.ring]
                let i = p.index % (ring.lon.count - 1)
                return ring.lon[i] != done.lon[i] || ring.lat[i] != done.lat[i]
            }
            func step(_ p: (polygon: Int, ring: Int, index: Int), _ d: Int) -> (polygon: Int, ring: Int, index: Int) {
                let n = parts[p.polygon].rings[p.ring].lon.count - 1
                return (p.polygon, p.ring, (p.index + d + n) % n)
            }
            let expected = all.filter { pair in
                moves(pair.position) || moves(step(pair.position, 1)) || moves(step(pair.position, -1))
                    || moves(pair.segment) || moves(step(pair.segment, 1))
            }
            func key(_ p: RoundingCheck.ClosePair) -> [Int] {
                [p.position.polygon, p.position.ring, p.position.index, p.segment.polygon, p.segment.ring, p.segment.index]
            }
            // Where much of the set moves it falls back to the full scan: between the two.
            let got = Set(moved.map(key))
            #expect(got.isSuperset(of: expected.map(key)) && got.isSubset(of: all.map(key)), "seed \(seed)")
            if got.count < all.count { restricted += 1 }
            if !expected.isEmpty { nonEmpty += 1 }
            guard F.validityProblem(parts) == nil else { continue }
            if GapGeometry.roundedIsValidLocally(parts, onGrid, context: GEOSContext()) == true {
                shown += 1
                #expect(F.validityProblem(onGrid) == nil, "seed \(seed): shown valid, but GEOS finds it invalid")
            }
        }
        #expect(nonEmpty > 50)
        #expect(shown > 50)
        #expect(restricted > 30, "the restricted scan ran on only \(restricted) sets")
    }
}
