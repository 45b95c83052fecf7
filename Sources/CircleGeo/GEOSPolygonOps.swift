internal import CGEOS

// Polygon operations on GEOSContext used by the gap maps: simplification, repair and reading the
// polygons back out. Like GEOSContext.swift, every call is reentrant (`_r`) and stays in one context.

extension GEOSContext {
    /// `geometry` simplified with `GEOSTopologyPreserveSimplify_r` (Douglas–Peucker that keeps
    /// rings from crossing each other), or nil if GEOS fails (see ``lastError``).
    func topologyPreservingSimplify(_ geometry: GEOSGeometryBox, tolerance: Double) -> GEOSGeometryBox? {
        GEOSTopologyPreserveSimplify_r(handle, geometry.pointer, tolerance)
            .map { GEOSGeometryBox(adopting: $0, in: self) }
    }

    /// Where `geometry` is invalid (`GEOSisValidDetail_r`): nil when it is valid (or GEOS gives no location).
    func invalidLocation(_ geometry: GEOSGeometryBox) -> (x: Double, y: Double)? {
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        let valid = GEOSisValidDetail_r(handle, geometry.pointer, 0, &reason, &location)
        if let reason { GEOSFree_r(handle, reason) }
        guard valid == 0, let location else {
            if let location { GEOSGeom_destroy_r(handle, location) }
            return nil
        }
        defer { GEOSGeom_destroy_r(handle, location) }
        var x = 0.0, y = 0.0
        guard GEOSGeomGetX_r(handle, location, &x) == 1, GEOSGeomGetY_r(handle, location, &y) == 1 else { return nil }
        return (x, y)
    }

    /// `geometry` snap-rounded to a grid of `gridSize` (`GEOSGeom_setPrecision_r`): every position
    /// on the grid and the result valid; parts that collapse are dropped. Nil if GEOS fails.
    func snapRounded(_ geometry: GEOSGeometryBox, gridSize: Double) -> GEOSGeometryBox? {
        GEOSGeom_setPrecision_r(handle, geometry.pointer, gridSize, 0).map { GEOSGeometryBox(adopting: $0, in: self) }
    }

    /// The non-empty polygons of `geometry`, found in Polygons, MultiPolygons and (nested)
    /// GeometryCollections; points and lines are skipped. Coordinates go to `lon` (x) and `lat` (y)
    /// unchanged, whatever the coordinate system; rings keep GEOS's orientation and closing position.
    func polygonParts(_ geometry: GEOSGeometryBox) -> [AreaPolygon] {
        var polygons: [AreaPolygon] = []
        collectPolygons(geometry.pointer, into: &polygons)
        return polygons
    }

    private func collectPolygons(_ geometry: OpaquePointer, into polygons: inout [AreaPolygon]) {
        guard GEOSisEmpty_r(handle, geometry) == 0 else { return }
        switch GEOSGeomTypeId_r(handle, geometry) {
        case Int32(GEOS_POLYGON.rawValue):
            guard let shell = GEOSGetExteriorRing_r(handle, geometry) else { return }
            var rings = [ringCoordinates(shell)]
            let holeCount = GEOSGetNumInteriorRings_r(handle, geometry)
            if holeCount > 0 {
                for i in 0..<holeCount {
                    if let hole = GEOSGetInteriorRingN_r(handle, geometry, i) { rings.append(ringCoordinates(hole)) }
                }
            }
            polygons.append(AreaPolygon(rings: rings))
        case Int32(GEOS_MULTIPOLYGON.rawValue), Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            let count = GEOSGetNumGeometries_r(handle, geometry)
            guard count > 0 else { return }
            for i in 0..<count {
                if let part = GEOSGetGeometryN_r(handle, geometry, i) { collectPolygons(part, into: &polygons) }
            }
        default:
            return
        }
    }

    /// The positions of a linear ring (`GEOSCoordSeq_copyToArrays_r`).
    private func ringCoordinates(_ ring: OpaquePointer) -> AreaRing {
        guard let sequence = GEOSGeom_getCoordSeq_r(handle, ring) else { return AreaRing(lon: [], lat: []) }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(handle, sequence, &size) == 1, size > 0 else { return AreaRing(lon: [], lat: []) }
        var x = [Double](repeating: 0, count: Int(size)), y = [Double](repeating: 0, count: Int(size))
        let ok = x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                GEOSCoordSeq_copyToArrays_r(handle, sequence, xs.baseAddress, ys.baseAddress, nil, nil)
            }
        }
        return ok == 1 ? AreaRing(lon: x, lat: y) : AreaRing(lon: [], lat: [])
    }
}
