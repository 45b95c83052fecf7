// From traced raster polygons to simplified, valid WGS84 polygons with RFC 7946 winding.
//
// Corner (x, y) of the raster lies at (originX + x * cellSize, originY + y * cellSize) in a local
// metric projection. Simplification and areas are computed there, in metres; only the finished
// rings go through the inverse projection, all positions in one batch.

/// Where a raster lies in a metric projection: its south-west corner and its square cell size.
public struct RasterGrid: Sendable, Equatable {
    /// Projected x (easting, metres) of the raster's west edge (corner x = 0).
    public var originX: Double
    /// Projected y (northing, metres) of the raster's south edge (corner y = 0).
    public var originY: Double
    /// The side of a cell in metres.
    public var cellSize: Double

    /// Creates a grid; `cellSize` must be positive.
    public init(originX: Double, originY: Double, cellSize: Double) {
        precondition(cellSize > 0, "RasterGrid: cell size \(cellSize) is not positive")
        self.originX = originX
        self.originY = originY
        self.cellSize = cellSize
    }

    /// The projected position of a raster corner.
    public func position(_ corner: RasterCorner) -> (x: Double, y: Double) {
        (originX + Double(corner.x) * cellSize, originY + Double(corner.y) * cellSize)
    }
}

/// A set of gap polygons ready to write: WGS84 and RFC 7946 winding, with their metric twins.
public struct GapPolygons: Sendable, Equatable {
    /// The polygons in longitude/latitude: closed rings, exteriors counter-clockwise, holes clockwise.
    public var polygons: [AreaPolygon]
    /// The same polygons in the projected metres they were simplified in (`lon` holds x, `lat` y);
    /// orientation as GEOS left it.
    public var metricPolygons: [AreaPolygon]
    /// The area of the simplified polygons in square metres of the projection.
    public var areaSquareMetres: Double
    /// The area of the cells before simplification: cell count × cell size².
    public var cellAreaSquareMetres: Double
    /// Whether simplification made some polygon invalid, so that it kept its exact cell outline
    /// (see ``GapGeometry/verifiedSimplification(_:exact:context:)``), or a correction needed repair.
    public var repaired: Bool

    /// An empty set.
    /// Polygons as given (a gap map kept between runs, for instance).
    public init(polygons: [AreaPolygon], metricPolygons: [AreaPolygon], areaSquareMetres: Double,
                cellAreaSquareMetres: Double, repaired: Bool) {
        self.polygons = polygons
        self.metricPolygons = metricPolygons
        self.areaSquareMetres = areaSquareMetres
        self.cellAreaSquareMetres = cellAreaSquareMetres
        self.repaired = repaired
    }

    public static let empty = GapPolygons(polygons: [], metricPolygons: [], areaSquareMetres: 0,
                                          cellAreaSquareMetres: 0, repaired: false)
}

/// Why gap polygons could not be made.
public struct GapGeometryError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, e.g. GEOS's message.
    public var description: String

    /// Creates an error with a message.
    public init(_ description: String) { self.description = description }
}

/// Turns traced raster polygons into simplified, valid WGS84 polygons.
public enum GapGeometry {
    /// Places `raster` on `grid`, simplifies it in metres, checks validity, projects it to
    /// longitude/latitude and orients it for RFC 7946.
    ///
    /// Simplification is GEOS 3.11's `GEOSTopologyPreserveSimplify_r` on the whole MultiPolygon, so
    /// rings do not cross, computed by its exact Swift port ``TopologySimplifier`` (GEOS itself for
    /// input the port leaves to it); the result is checked (`SimplificationValidity.swift`, else
    /// `GEOSisValid_r`) and any polygon it broke keeps its exact cell outline, which is valid by
    /// construction. Exteriors are then made counter-clockwise and holes clockwise by
    /// their signed area in longitude/latitude (`GEOSNormalize_r` would make exteriors clockwise).
    ///
    /// - Parameters:
    ///   - raster: Polygons from ``RasterPolygons/polygons(cells:columns:rows:)``.
    ///   - grid: Where corner coordinates lie in the projection.
    ///   - simplifyTolerance: The Douglas–Peucker distance in metres; 0 keeps every corner (collinear
    ///     corners are already gone). The corners of a one-cell staircase lie cellSize/√2 from its
    ///     chord, so about 0.8 cell straightens 45° staircases; half a cell removes almost nothing
    ///     (only exactly centred one-cell steps). Above 1/√2 cell, lone cells can become triangles.
    ///   - inverseProjection: Converts projected positions in place, all of them in one call:
    ///     x (metres) to longitude and y (metres) to latitude, in degrees.
    /// - Throws: ``GapGeometryError`` when GEOS fails, or when the inverse projection gives a
    ///   position that is not finite or not in −180…180, −90…90; errors from `inverseProjection`.
    public static func polygons(
        _ raster: [RasterPolygon], grid: RasterGrid, simplifyTolerance: Double,
        inverseProjection: (_ x: inout [Double], _ y: inout [Double]) throws -> Void
    ) throws -> GapPolygons {
        guard !raster.isEmpty else { return .empty }
        let cells = raster.reduce(0) { $0 + $1.cellCount }
        let metric = raster.map { polygon in
            AreaPolygon(rings: ([polygon.exterior] + polygon.holes).map { ring in
                AreaRing(lon: ring.map { grid.originX + Double($0.x) * grid.cellSize },
                         lat: ring.map { grid.originY + Double($0.y) * grid.cellSize })
            })
        }
        let context = GEOSContext()
        func failure(_ what: String) -> GapGeometryError {
            GapGeometryError("GEOS could not \(what) the gap polygons: \(context.takeError(or: "no message"))")
        }
        var parts = metric, exact = 0
        if simplifyTolerance > 0 {
            if let simplified = TopologySimplifier.simplifyProving(metric, tolerance: simplifyTolerance) {
                // GEOS's own simplification, computed in Swift (the same positions, see TopologySimplifier);
                // GEOS checks validity only when SimplificationValidity cannot show it.
                (parts, exact) = simplified.valid ? (simplified.polygons, 0)
                    : try verifiedSimplification(parts: simplified.polygons, whole: nil, exact: metric, context: context)
            } else {
                guard let geometry = context.multiPolygon(metric) else { throw failure("build") }
                guard let simplified = context.topologyPreservingSimplify(geometry, tolerance: simplifyTolerance) else {
                    throw failure("simplify")
                }
                (parts, exact) = try verifiedSimplification(simplified, exact: metric, context: context)
            }
        }
        let area = self.area(parts)
        let projected = try onWrittenGrid(try project(parts, inverseProjection), context: context, valid: true)
        return GapPolygons(polygons: projected, metricPolygons: parts, areaSquareMetres: area,
                           cellAreaSquareMetres: Double(cells) * grid.cellSize * grid.cellSize, repaired: exact > 0)
    }

    /// The simplified polygons where they are valid, the exact cell outlines elsewhere.
    ///
    /// The traced outlines are valid by construction (see ``RasterPolygons``), but GEOS 3.11's
    /// `TopologyPreserveSimplify` is not: a simplified edge can jump over a small hole or island,
    /// or drop a ring's end point and cross itself (libgeos/geos#857, #986). So the result is
    /// checked; a polygon that is invalid on its own, and then any polygon near a remaining
    /// problem, falls back to its exact outline, until the whole is valid. In the worst case every
    /// polygon is exact, which is valid — no repair by `GEOSMakeValid_r`, whose output is not
    /// guaranteed to keep the cells' sides.
    ///
    /// - Returns: The polygons (in the order of `exact`) and how many of them were kept exact.
    static func verifiedSimplification(_ simplified: GEOSGeometryBox, exact: [AreaPolygon],
                                       context: GEOSContext) throws -> (polygons: [AreaPolygon], exact: Int) {
        try verifiedSimplification(parts: context.polygonParts(simplified), whole: simplified, exact: exact, context: context)
    }

    /// ``verifiedSimplification(_:exact:context:)`` of simplified polygons given as positions
    /// (`whole`: the same as a GEOS geometry, if already built).
    static func verifiedSimplification(parts simplified: [AreaPolygon], whole: GEOSGeometryBox?, exact: [AreaPolygon],
                                       context: GEOSContext) throws -> (polygons: [AreaPolygon], exact: Int) {
        if let whole = whole ?? context.multiPolygon(simplified), context.validityProblem(whole) == nil {
            if simplified.count == exact.count, simplified.allSatisfy({ $0.rings[0].lon.count >= 4 }) { return (simplified, 0) }
        }
        var parts = simplified
        // GEOS keeps one polygon per input polygon, in order; anything else: all exact.
        guard parts.count == exact.count else { return (exact, exact.count) }
        var isExact = [Bool](repeating: false, count: exact.count)
        for i in parts.indices {
            let ok = parts[i].rings.allSatisfy { $0.lon.count >= 4 }
                && context.polygon(parts[i]).map { context.validityProblem($0) == nil } == true
            if !ok {
                parts[i] = exact[i]
                isExact[i] = true
            }
        }
        // Problems between polygons: fall back around each place GEOS names, a few rounds at most.
        for _ in 0..<32 {
            guard let whole = context.multiPolygon(parts) else { break }
            guard let at = context.invalidLocation(whole) else {
                if context.validityProblem(whole) == nil { return (parts, isExact.filter { $0 }.count) }
                break
            }
            let slack = 1e-6 * max(1, abs(at.x), abs(at.y))
            var changed = false
            for i in parts.indices where !isExact[i] {
                let ring = parts[i].rings[0]
                guard let x0 = ring.lon.min(), let x1 = ring.lon.max(), let y0 = ring.lat.min(), let y1 = ring.lat.max(),
                      at.x >= x0 - slack, at.x <= x1 + slack, at.y >= y0 - slack, at.y <= y1 + slack else { continue }
                parts[i] = exact[i]
                isExact[i] = true
                changed = true
            }
            if !changed { break }
        }
        return (exact, exact.count)
    }

    /// Shoelace signed area of a closed ring, positive when counter-clockwise (x east, y north).
    /// Computed relative to the first position, so large projected offsets lose no precision.
    public static func signedArea(_ ring: AreaRing) -> Double {
        let n = ring.lon.count
        guard n > 2 else { return 0 }
        let x0 = ring.lon[0], y0 = ring.lat[0]
        var sum = 0.0
        for i in 0..<(n - 1) {
            sum += (ring.lon[i] - x0) * (ring.lat[i + 1] - y0) - (ring.lon[i + 1] - x0) * (ring.lat[i] - y0)
        }
        return sum / 2
    }

    /// `polygon` with its exterior counter-clockwise and its holes clockwise (RFC 7946 §3.1.6).
    public static func rfc7946Oriented(_ polygon: AreaPolygon) -> AreaPolygon {
        var oriented = polygon
        for i in oriented.rings.indices {
            let area = signedArea(oriented.rings[i])
            if (i == 0 && area < 0) || (i > 0 && area > 0) {
                oriented.rings[i].lon.reverse()
                oriented.rings[i].lat.reverse()
            }
        }
        return oriented
    }

    /// Nil for a polygon whose exterior has fewer than 4 positions; otherwise drops such holes.
    static func withoutDegenerateRings(_ polygon: AreaPolygon) -> AreaPolygon? {
        guard let exterior = polygon.rings.first, exterior.lon.count >= 4 else { return nil }
        return AreaPolygon(rings: [exterior] + polygon.rings.dropFirst().filter { $0.lon.count >= 4 })
    }

    /// Longitude/latitude polygons with every position rounded to the 7 decimals GeoJSONWriter
    /// writes (so that what is checked is what is written), valid and RFC 7946 oriented.
    ///
    /// Rounding moves a position by at most 0.5e-7° (under a centimetre), which cannot make the
    /// rings of metre-sized cells cross; if it ever does (tiny corrections next to each other,
    /// cells of a few metres), the polygons are snap-rounded to that grid instead
    /// (`GEOSGeom_setPrecision_r`), whose result is valid by construction.
    ///
    /// With `valid` (the caller knows `polygons` are valid: exact cell outlines, or simplified ones
    /// GEOS checked) GEOS's check of the rounded set is skipped when ``RoundingCheck`` shows that
    /// the rounding cannot change the set's topology.
    static func onWrittenGrid(_ polygons: [AreaPolygon], context: GEOSContext, valid: Bool = false) throws -> [AreaPolygon] {
        let plain = polygons.map(rounded)
        if valid && roundedIsValidLocally(polygons, plain, context: context) == true { return plain.map(rfc7946Oriented) }
        guard let whole = context.multiPolygon(plain) else {
            throw GapGeometryError("GEOS could not build the gap polygons: \(context.takeError(or: "no message"))")
        }
        if context.validityProblem(whole) == nil { return plain.map(rfc7946Oriented) }
        guard let original = context.multiPolygon(polygons), let snapped = context.snapRounded(original, gridSize: 1e-7) else {
            throw GapGeometryError("GEOS could not round the gap polygons: \(context.takeError(or: "no message"))")
        }
        let parts = context.polygonParts(snapped).map(rounded).compactMap(withoutDegenerateRings)
        guard let check = context.multiPolygon(parts), context.validityProblem(check) == nil else {
            throw GapGeometryError("the gap polygons are not valid in 7-decimal coordinates: "
                                   + (context.multiPolygon(parts).flatMap { context.validityProblem($0) } ?? "GEOS failed"))
        }
        return parts.map(rfc7946Oriented)
    }

    /// `polygon` with every position rounded to the written 7 decimals.
    static func rounded(_ polygon: AreaPolygon) -> AreaPolygon {
        AreaPolygon(rings: polygon.rings.map { AreaRing(lon: $0.lon.map(writtenDegrees), lat: $0.lat.map(writtenDegrees)) })
    }

    /// The area of planar polygons: exteriors less holes.
    static func area(_ polygons: [AreaPolygon]) -> Double {
        polygons.reduce(0.0) { sum, polygon in
            sum + abs(signedArea(polygon.rings[0])) - polygon.rings.dropFirst().reduce(0.0) { $0 + abs(signedArea($1)) }
        }
    }

    /// `degrees` rounded to 7 decimals, the precision of every position in the GeoJSON outputs.
    public static func writtenDegrees(_ degrees: Double) -> Double {
        (degrees * 1e7).rounded(.toNearestOrAwayFromZero) / 1e7
    }

    /// `polygons` with every position passed through `inverse` in a single batch, checked to be
    /// longitudes and latitudes.
    static func project(_ polygons: [AreaPolygon],
                        _ inverse: (inout [Double], inout [Double]) throws -> Void) throws -> [AreaPolygon] {
        let out = try mapped(polygons, inverse)
        for polygon in out {
            for ring in polygon.rings {
                for (x, y) in zip(ring.lon, ring.lat) where !(x.isFinite && y.isFinite && abs(x) <= 180 && abs(y) <= 90) {
                    throw GapGeometryError("the inverse projection gave (\(x), \(y)), not a longitude/latitude")
                }
            }
        }
        return out
    }

    /// `polygons` with every position passed through `transform` in a single batch.
    static func mapped(_ polygons: [AreaPolygon],
                       _ transform: (inout [Double], inout [Double]) throws -> Void) throws -> [AreaPolygon] {
        var xs: [Double] = [], ys: [Double] = []
        for polygon in polygons {
            for ring in polygon.rings {
                xs.append(contentsOf: ring.lon)
                ys.append(contentsOf: ring.lat)
            }
        }
        let count = xs.count
        try transform(&xs, &ys)
        guard xs.count == count, ys.count == count else {
            throw GapGeometryError("the projection returned \(xs.count) and \(ys.count) values for \(count) positions")
        }
        var start = 0
        return polygons.map { polygon in
            AreaPolygon(rings: polygon.rings.map { ring in
                defer { start += ring.lon.count }
                return AreaRing(lon: Array(xs[start..<(start + ring.lon.count)]),
                                lat: Array(ys[start..<(start + ring.lon.count)]))
            })
        }
    }
}
