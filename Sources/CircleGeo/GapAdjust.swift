internal import CGEOS
import Foundation

/// Small corrections to gap polygons so that they never contradict the origins' own results.
extension GapGeometry {
    /// A point the gap polygons must hold (`inside`) or leave out, in both coordinate systems.
    public struct SidedPoint: Sendable {
        /// Longitude/latitude as written (7 decimals): where `circle verify` will look.
        public var lon: Double, lat: Double
        /// The same position in the metric projection of ``GapPolygons/metricPolygons``.
        public var x: Double, y: Double
        /// Whether the point must lie in the polygons.
        public var inside: Bool

        public init(lon: Double, lat: Double, x: Double, y: Double, inside: Bool) {
            (self.lon, self.lat, self.x, self.y, self.inside) = (lon, lat, x, y, inside)
        }
    }

    /// `gaps` with every point of `points` on its side: a small square around each point on the
    /// wrong side is added to (inside) or cut from (outside) the polygons.
    ///
    /// Each square has half-side `halfSize`, or less than half the distance (in x or y) to the
    /// nearest other point of `points`, so no square holds another point — a correction never
    /// moves a point that was right — and the squares are dissolved before the overlay, so
    /// GEOS gets valid input. Points less than 11 cm apart asking for different sides cannot be
    /// told apart in the written coordinates and stay on the wrong side.
    ///
    /// - Parameters:
    ///   - precise: Always overlay snap-rounded (see ``adjusted(_:include:exclude:precise:wholeMap:forwardProjection:)``).
    ///   - checking: The indices of the points that may be on the wrong side (nil: all); the
    ///     others are known to be right and only keep the squares away.
    /// - Returns: The corrected polygons, and the indices of `points` still on the wrong side
    ///   (empty unless two points share a position and ask for different sides).
    ///   - wholeMap: Overlay every polygon with the squares, not only those near them (the
    ///     same point set; kept for comparison).
    public static func agreeing(_ gaps: GapPolygons, points: [SidedPoint], checking: [Int]? = nil, halfSize: Double,
                                precise: Bool = false, wholeMap: Bool = false,
                                forwardProjection: (_ x: inout [Double], _ y: inout [Double]) throws -> Void)
        throws -> (polygons: GapPolygons, wrong: [Int]) {
        let checked = checking ?? Array(points.indices)
        var wrong = try wrongSide(gaps, checked.map { points[$0] }).map { checked[$0] }
        guard !wrong.isEmpty else { return (gaps, []) }
        let sizes = SquareSizes(points, halfSize: halfSize)
        var fixed = gaps
        // One round puts every point with a square on its side; a point that stood exactly on a
        // boundary can land on the other side of the re-noded boundary, so it gets its own square
        // in the next round.
        for _ in 0..<4 {
            var include: [(lon: Double, lat: Double, half: Double)] = [], exclude: [(lon: Double, lat: Double, half: Double)] = []
            for k in wrong {
                let p = points[k], half = sizes.half(of: k)
                guard half > 0 else { continue }
                if p.inside { include.append((p.lon, p.lat, half)) } else { exclude.append((p.lon, p.lat, half)) }
            }
            guard !include.isEmpty || !exclude.isEmpty else { break }
            let (next, region) = try adjustedWithRegion(fixed, include: include, exclude: exclude, precise: precise,
                                                        wholeMap: wholeMap, forwardProjection: forwardProjection)
            fixed = next
            if let region {
                // Outside the region nothing changed: a point there keeps its side.
                let changed = BoxIndex(region)
                let again = checked.filter { changed.anyContaining(x: points[$0].lon, y: points[$0].lat) }
                let stays = wrong.filter { !changed.anyContaining(x: points[$0].lon, y: points[$0].lat) }
                wrong = (stays + (try wrongSide(fixed, again.map { points[$0] }).map { again[$0] })).sorted()
            } else {
                wrong = try wrongSide(fixed, checked.map { points[$0] }).map { checked[$0] }
            }
            if wrong.isEmpty { break }
        }
        return (fixed, wrong)
    }

    /// The indices of the points on the wrong side of `gaps`, in longitude/latitude as written.
    /// A point on a boundary counts as inside (as `circle verify` sees it), but is wrong when it
    /// must be inside: it is moved into the interior, where the next rounding cannot move it out.
    public static func wrongSide(_ gaps: GapPolygons, _ points: [SidedPoint]) throws -> [Int] {
        guard !points.isEmpty else { return [] }
        guard !gaps.polygons.isEmpty else { return points.indices.filter { points[$0].inside } }
        // Only polygons whose box holds one of the points can hold it; the others stay out of GEOS.
        let near = polygonsHoldingBoxes(gaps.polygons, points)
        guard !near.isEmpty else { return points.indices.filter { points[$0].inside } }
        // Most points are clear of every ring: PolygonSides answers them exactly; GEOS the rest.
        let sides = PolygonSides(near)
        var context: GEOSContext?, prepared: GEOSPreparedBox?
        return try points.indices.filter { k in
            if let inside = sides.isInside(x: points[k].lon, y: points[k].lat) { return points[k].inside != inside }
            if prepared == nil {
                let made = GEOSContext()
                guard let whole = made.multiPolygon(near), let p = whole.prepared() else {
                    throw GapGeometryError("GEOS could not read the gap polygons back: \(made.takeError(or: "no message"))")
                }
                (context, prepared) = (made, p)
            }
            guard let context, let prepared else { return false }
            guard let point = context.point(x: points[k].lon, y: points[k].lat) else {
                throw GapGeometryError("GEOS could not make a point: \(context.takeError(or: "no message"))")
            }
            return points[k].inside ? !prepared.contains(point) : prepared.covers(point)
        }
    }

    /// The polygons whose bounding box holds at least one of `points`, in order (all when most are).
    static func polygonsHoldingBoxes(_ polygons: [AreaPolygon], _ points: [SidedPoint]) -> [AreaPolygon] {
        let order = points.indices.sorted { points[$0].lon < points[$1].lon }
        let lons = order.map { points[$0].lon }
        return polygons.filter { polygon in
            guard let box = LocalRepair.Box(polygon) else { return false }
            var lo = 0, hi = lons.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if lons[mid] < box.x0 { lo = mid + 1 } else { hi = mid }
            }
            while lo < lons.count, lons[lo] <= box.x1 {
                let lat = points[order[lo]].lat
                if lat >= box.y0 && lat <= box.y1 { return true }
                lo += 1
            }
            return false
        }
    }

    /// Each point's square half-side: `halfSize`, or 0.45 of the Chebyshev distance to the nearest
    /// other point when that is smaller; 0 (no square) when that is below ``smallestHalfSize``
    /// and the other point asks for the other side: the outputs' 7 decimals (about 1 cm) cannot
    /// separate them. Points sharing a position and a side get the same square.
    /// The smallest correcting square's half side, metres: five times the 7-decimal rounding of the outputs.
    static let smallestHalfSize = 0.05

    static func squareSizes(_ points: [SidedPoint], halfSize: Double) -> [Double] {
        let sizes = SquareSizes(points, halfSize: halfSize)
        return points.indices.map { sizes.half(of: $0) }
    }

    /// ``squareSizes(_:halfSize:)`` point by point: the points sorted by x once, then each
    /// square's neighbours found in an x window (only the few wrong points are asked).
    struct SquareSizes {
        let points: [SidedPoint]
        let halfSize: Double
        /// Point indices by ascending x, and their x.
        let order: [Int]
        let xs: [Double]

        init(_ points: [SidedPoint], halfSize: Double) {
            self.points = points
            self.halfSize = halfSize
            order = points.indices.sorted { points[$0].x < points[$1].x }
            xs = order.map { points[$0].x }
        }

        func half(of k: Int) -> Double {
            let p = points[k]
            // Beyond this Chebyshev distance a neighbour does not shrink the square.
            let reach = halfSize / 0.45
            var lo = 0, hi = xs.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if xs[mid] < p.x - reach { lo = mid + 1 } else { hi = mid }
            }
            var half = halfSize
            var i = lo
            while i < xs.count, xs[i] <= p.x + reach {
                let j = order[i]
                i += 1
                guard j != k else { continue }
                let d = max(abs(points[j].x - p.x), abs(points[j].y - p.y))
                guard d < reach else { continue }
                if 0.45 * d < smallestHalfSize {
                    if points[j].inside != p.inside { return 0 }
                    if d == 0 { continue }   // the same square twice: the union takes it once
                }
                half = min(half, max(0.45 * d, smallestHalfSize))
            }
            return half
        }
    }

    /// `gaps` with the given squares added and cut out, on the 7-decimal grid the polygons are
    /// written with. The squares (centred on the points' written positions, `half` metres in
    /// longitude/latitude degrees) are dissolved (`GEOSUnaryUnion_r`), added (`GEOSUnion_r`) and
    /// cut out (`GEOSDifference_r`), and the result rounded to the grid is kept when it is valid;
    /// otherwise (or with `precise`) the same overlays run snap-rounded at 1e-7°
    /// (`GEOSUnaryUnionPrec_r`, `GEOSUnionPrec_r`, `GEOSDifferencePrec_r`), whose results are
    /// valid and already on that grid. A square of one list must not hold a
    /// point of the other (see ``squareSizes(_:halfSize:)``); squares of one list may overlap.
    /// `forwardProjection` gives the metric twins and the area.
    ///
    /// Only the polygons whose bounding box comes within ``localMargin`` of a square take part in
    /// the overlays (``LocalRepair``); the others are kept as they are, in their order, followed by
    /// the overlays' polygons. With `wholeMap` every polygon goes through the overlays (as before
    /// the local repair: the same point set, other ring start points and polygon order).
    static func adjusted(_ gaps: GapPolygons, include: [(lon: Double, lat: Double, half: Double)],
                         exclude: [(lon: Double, lat: Double, half: Double)], precise: Bool = false, wholeMap: Bool = false,
                         forwardProjection: (_ x: inout [Double], _ y: inout [Double]) throws -> Void) throws -> GapPolygons {
        try adjustedWithRegion(gaps, include: include, exclude: exclude, precise: precise, wholeMap: wholeMap,
                               forwardProjection: forwardProjection).polygons
    }

    /// ``adjusted(_:include:exclude:precise:wholeMap:forwardProjection:)`` and the boxes outside
    /// which nothing changed (nil: anything may have changed).
    static func adjustedWithRegion(_ gaps: GapPolygons, include: [(lon: Double, lat: Double, half: Double)],
                                   exclude: [(lon: Double, lat: Double, half: Double)], precise: Bool, wholeMap: Bool,
                                   forwardProjection: (_ x: inout [Double], _ y: inout [Double]) throws -> Void)
        throws -> (polygons: GapPolygons, region: [LocalRepair.Box]?) {
        guard !include.isEmpty || !exclude.isEmpty else { return (gaps, []) }
        let parts: [AreaPolygon], region: [LocalRepair.Box]?
        if wholeMap {
            parts = try overlaid(gaps.polygons, include: include, exclude: exclude, precise: precise).polygons
            region = nil
        } else {
            // Squares meeting no ring and no other square need no overlay (not with `precise`,
            // which asks for the snap-rounded overlays).
            var polygons = gaps.polygons
            let rest = precise ? (include: include, exclude: exclude, applied: [])
                               : IsolatedSquares.apply(&polygons, include: include, exclude: exclude)
            guard !rest.include.isEmpty || !rest.exclude.isEmpty else {
                let metric = try mapped(polygons, forwardProjection)
                return (GapPolygons(polygons: polygons.map(rfc7946Oriented), metricPolygons: metric, areaSquareMetres: area(metric),
                                    cellAreaSquareMetres: gaps.cellAreaSquareMetres, repaired: gaps.repaired), rest.applied)
            }
            let local = LocalRepair(polygons, squares: (rest.include + rest.exclude).map(squareBox))
            let (repaired, snapRounded) = try overlaid(local.touched.map { polygons[$0] }, include: rest.include,
                                                       exclude: rest.exclude, precise: precise)
            let kept = local.kept.map { rfc7946Oriented(polygons[$0]) }
            // The floating overlays keep every position outside the squares, so they cannot reach a
            // kept polygon; snap-rounding can bend an edge by 1e-7° anywhere: check around it.
            guard !snapRounded || neighbourhoodIsValid(repaired, kept) else {
                // Not expected (see LocalRepair); the whole map then goes through the overlays.
                return try adjustedWithRegion(gaps, include: include, exclude: exclude, precise: precise, wholeMap: true,
                                              forwardProjection: forwardProjection)
            }
            parts = kept + repaired
            region = rest.applied + local.region
        }
        // The metric twins, for the area.
        let metric = try mapped(parts, forwardProjection)
        let area = self.area(metric)
        return (GapPolygons(polygons: parts, metricPolygons: metric, areaSquareMetres: area,
                            cellAreaSquareMetres: gaps.cellAreaSquareMetres, repaired: gaps.repaired), region)
    }

    /// Whether the repaired polygons and the kept ones near them form a valid set. The kept
    /// polygons are valid among themselves and the repaired ones were checked on their own, so
    /// only the repaired polygons' neighbourhood can hold a new problem.
    static func neighbourhoodIsValid(_ repaired: [AreaPolygon], _ kept: [AreaPolygon]) -> Bool {
        guard !repaired.isEmpty, !kept.isEmpty else { return true }
        let index = BoxIndex(repaired.compactMap { LocalRepair.Box($0)?.grown(LocalRepair.margin) })
        let near = kept.filter { p in LocalRepair.Box(p).map(index.anyIntersecting) ?? false }
        guard !near.isEmpty else { return true }
        let context = GEOSContext()
        guard let whole = context.multiPolygon(repaired + near) else { return false }
        return context.validityProblem(whole) == nil
    }

    /// The longitude/latitude box of a correcting square: `half` metres each way from its centre.
    static func squareBox(_ p: (lon: Double, lat: Double, half: Double)) -> LocalRepair.Box {
        let dLat = p.half / (Geodesy.earthRadius * Geodesy.radiansPerDegree)
        let dLon = dLat / max(1e-6, cos(p.lat * Geodesy.radiansPerDegree))
        return LocalRepair.Box(x0: p.lon - dLon, y0: p.lat - dLat, x1: p.lon + dLon, y1: p.lat + dLat)
    }

    /// The overlays of ``adjusted(_:include:exclude:precise:wholeMap:forwardProjection:)`` on
    /// `polygons` (a valid set, possibly empty): the resulting polygons on the written grid, RFC 7946
    /// oriented, and whether they were snap-rounded.
    static func overlaid(_ polygons: [AreaPolygon], include: [(lon: Double, lat: Double, half: Double)],
                         exclude: [(lon: Double, lat: Double, half: Double)],
                         precise: Bool) throws -> (polygons: [AreaPolygon], snapRounded: Bool) {
        let context = GEOSContext()
        let grid = 1e-7
        func fail(_ what: String) -> GapGeometryError {
            GapGeometryError("GEOS could not \(what) the gap polygons: \(context.takeError(or: "no message"))")
        }
        /// The squares dissolved into one valid geometry: squares of points on the same side may
        /// overlap, and a MultiPolygon of overlapping squares is invalid input for an overlay.
        func dissolved(_ points: [(lon: Double, lat: Double, half: Double)], precise: Bool) -> GEOSGeometryBox? {
            let squares = points.map { p in
                let b = squareBox(p)
                return AreaPolygon(rings: [AreaRing(lon: [b.x0, b.x1, b.x1, b.x0, b.x0], lat: [b.y0, b.y0, b.y1, b.y1, b.y0])])
            }
            guard let all = context.multiPolygon(squares),
                  let u = precise ? GEOSUnaryUnionPrec_r(context.handle, all.pointer, grid) : GEOSUnaryUnion_r(context.handle, all.pointer)
            else { return nil }
            return GEOSGeometryBox(adopting: u, in: context)
        }
        /// The overlay, in floating point (fast) or snap-rounded on the written grid (valid on it
        /// by construction; GEOS 3.11's snap-rounding is slow on large polygons, so it is the fallback).
        func overlay(precise: Bool) throws -> [AreaPolygon]? {
            guard var result = context.multiPolygon(polygons) else { throw fail("build") }
            if !include.isEmpty {
                guard let add = dissolved(include, precise: precise),
                      let u = precise ? GEOSUnionPrec_r(context.handle, result.pointer, add.pointer, grid)
                                      : GEOSUnion_r(context.handle, result.pointer, add.pointer) else {
                    if precise { throw fail("extend") }
                    return nil
                }
                result = GEOSGeometryBox(adopting: u, in: context)
            }
            if !exclude.isEmpty {
                guard let cut = dissolved(exclude, precise: precise),
                      let d = precise ? GEOSDifferencePrec_r(context.handle, result.pointer, cut.pointer, grid)
                                      : GEOSDifference_r(context.handle, result.pointer, cut.pointer) else {
                    if precise { throw fail("carve") }
                    return nil
                }
                result = GEOSGeometryBox(adopting: d, in: context)
            }
            let parts = context.polygonParts(result).compactMap(withoutDegenerateRings)
            if precise { return try onWrittenGrid(parts, context: context) }
            // Rounded to the written grid, kept only when still valid: OverlayNG's result is valid, so
            // GEOS's check is needed only when ``RoundingCheck`` cannot show that rounding keeps it so.
            let onGrid = parts.map(rounded)
            if roundedIsValidLocally(parts, onGrid, context: context) == true { return onGrid.map(rfc7946Oriented) }
            guard let whole = context.multiPolygon(onGrid), context.validityProblem(whole) == nil else { return nil }
            return onGrid.map(rfc7946Oriented)
        }
        _ = context.takeError(or: "")
        if !precise, let parts = try overlay(precise: false) { return (parts, false) }
        guard let parts = try overlay(precise: true) else { throw fail("correct") }
        return (parts, true)
    }
}
