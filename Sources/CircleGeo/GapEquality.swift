internal import CGEOS

extension GapGeometry {
    /// The area, in square units of the coordinates, of the points covered by exactly one of two
    /// valid polygon sets (`GEOSSymDifference_r`, `GEOSArea_r`): 0 when both cover the same
    /// points, whatever their ring start points, orientation or polygon order.
    /// - Throws: ``GapGeometryError`` when GEOS cannot build or overlay them.
    public static func symmetricDifferenceArea(_ a: [AreaPolygon], _ b: [AreaPolygon]) throws -> Double {
        let context = GEOSContext()
        guard let ga = context.multiPolygon(a), let gb = context.multiPolygon(b),
              let d = GEOSSymDifference_r(context.handle, ga.pointer, gb.pointer) else {
            throw GapGeometryError("GEOS could not compare the gap polygons: \(context.takeError(or: "no message"))")
        }
        let difference = GEOSGeometryBox(adopting: d, in: context)
        var area = 0.0
        guard GEOSArea_r(context.handle, difference.pointer, &area) == 1 else {
            throw GapGeometryError("GEOS could not measure the gap polygons' difference: \(context.takeError(or: "no message"))")
        }
        return area
    }
}
