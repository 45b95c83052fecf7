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
    /// Whether the simplified geometry was invalid and had to be repaired with `GEOSMakeValid_r`.
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
    /// Simplification is `GEOSTopologyPreserveSimplify_r` on the whole MultiPolygon, so rings do not
    /// cross. If the result is not valid (`GEOSisValid_r`), it is repaired with `GEOSMakeValid_r` and
    /// only its polygons are kept. Exteriors are then made counter-clockwise and holes clockwise by
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
        guard let geometry = context.multiPolygon(metric) else { throw failure("build") }
        var result = geometry
        if simplifyTolerance > 0 {
            guard let simplified = context.topologyPreservingSimplify(geometry, tolerance: simplifyTolerance) else {
                throw failure("simplify")
            }
            result = simplified
        }
        var repaired = false
        if context.validityProblem(result) != nil {
            guard let valid = context.makeValid(result) else { throw failure("repair") }
            result = valid
            repaired = true
        }
        let parts = context.polygonParts(result).compactMap(Self.withoutDegenerateRings)
        let area = parts.reduce(0.0) { sum, polygon in
            sum + abs(signedArea(polygon.rings[0])) - polygon.rings.dropFirst().reduce(0.0) { $0 + abs(signedArea($1)) }
        }
        let projected = try project(parts, inverseProjection).map(rfc7946Oriented)
        return GapPolygons(polygons: projected, metricPolygons: parts, areaSquareMetres: area,
                           cellAreaSquareMetres: Double(cells) * grid.cellSize * grid.cellSize, repaired: repaired)
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

    /// `polygons` with every position passed through `inverse` in a single batch.
    static func project(_ polygons: [AreaPolygon],
                                _ inverse: (inout [Double], inout [Double]) throws -> Void) throws -> [AreaPolygon] {
        var xs: [Double] = [], ys: [Double] = []
        for polygon in polygons {
            for ring in polygon.rings {
                xs.append(contentsOf: ring.lon)
                ys.append(contentsOf: ring.lat)
            }
        }
        let count = xs.count
        try inverse(&xs, &ys)
        guard xs.count == count, ys.count == count else {
            throw GapGeometryError(
                "the inverse projection returned \(xs.count) and \(ys.count) values for \(count) positions")
        }
        func isLonLat(_ i: Int) -> Bool { xs[i].isFinite && ys[i].isFinite && abs(xs[i]) <= 180 && abs(ys[i]) <= 90 }
        if let bad = xs.indices.first(where: { !isLonLat($0) }) {
            throw GapGeometryError("the inverse projection gave (\(xs[bad]), \(ys[bad])), not a longitude/latitude")
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
