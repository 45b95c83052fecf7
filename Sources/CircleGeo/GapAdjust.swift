internal import CGEOS

/// Small corrections to gap polygons so that they never contradict the origins' own results.
extension GapGeometry {
    /// `gaps` with a square of `halfSize` metres around each `include` position added and around
    /// each `exclude` position removed (`GEOSUnion_r`, `GEOSDifference_r` on the metric polygons),
    /// then repaired if needed, projected with `inverseProjection` and oriented for RFC 7946.
    ///
    /// Positions are in the metric coordinates of `gaps.metricPolygons`.
    public static func adjusted(_ gaps: GapPolygons, include: [(x: Double, y: Double)], exclude: [(x: Double, y: Double)],
                                halfSize: Double,
                                inverseProjection: (_ x: inout [Double], _ y: inout [Double]) throws -> Void) throws -> GapPolygons {
        guard !include.isEmpty || !exclude.isEmpty else { return gaps }
        let context = GEOSContext()
        func fail(_ what: String) -> GapGeometryError {
            GapGeometryError("GEOS could not \(what) the gap polygons: \(context.takeError(or: "no message"))")
        }
        func squares(_ points: [(x: Double, y: Double)]) -> [AreaPolygon] {
            points.map { p in
                let (x0, x1, y0, y1) = (p.x - halfSize, p.x + halfSize, p.y - halfSize, p.y + halfSize)
                return AreaPolygon(rings: [AreaRing(lon: [x0, x1, x1, x0, x0], lat: [y0, y0, y1, y1, y0])])
            }
        }
        guard var result = context.multiPolygon(gaps.metricPolygons) else { throw fail("build") }
        if !include.isEmpty {
            guard let add = context.multiPolygon(squares(include)),
                  let u = GEOSUnion_r(context.handle, result.pointer, add.pointer) else { throw fail("extend") }
            result = GEOSGeometryBox(adopting: u, in: context)
        }
        if !exclude.isEmpty {
            guard let cut = context.multiPolygon(squares(exclude)),
                  let d = GEOSDifference_r(context.handle, result.pointer, cut.pointer) else { throw fail("carve") }
            result = GEOSGeometryBox(adopting: d, in: context)
        }
        var repaired = gaps.repaired
        if context.validityProblem(result) != nil {
            guard let valid = context.makeValid(result) else { throw fail("repair") }
            result = valid
            repaired = true
        }
        let parts = context.polygonParts(result).compactMap(withoutDegenerateRings)
        let area = parts.reduce(0.0) { sum, polygon in
            sum + polygon.rings.enumerated().reduce(0.0) { $0 + ($1.offset == 0 ? 1 : -1) * abs(signedArea($1.element)) }
        }
        return GapPolygons(polygons: try project(parts, inverseProjection).map(rfc7946Oriented), metricPolygons: parts,
                           areaSquareMetres: area, cellAreaSquareMetres: gaps.cellAreaSquareMetres, repaired: repaired)
    }
}
