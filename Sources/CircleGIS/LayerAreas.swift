import CGDAL
import CircleGeo
import CircleInput
import Foundation

/// Areas (`--areas`: subdistrict polygons) from a GDAL layer of Polygon and MultiPolygon
/// features, converted to WGS84 and validated as ``AreaSet`` validates GeoJSON areas.
enum LayerAreas {
    static func read(_ open: OpenLayer, crs given: CoordinateSystem?, encoding: String?) throws -> AreaSet {
        let path = open.source.spec
        guard OGR_FD_GetGeomFieldCount(OGR_L_GetLayerDefn(open.layer)) > 0 else {
            throw AreaError(path: path, problem: "the \(open.source.format.layerWord) '\(open.name)' has no geometry; "
                            + "areas are polygons (a Shapefile, GeoPackage or GeoJSON of Polygon features)")
        }
        let names = try LayerFields.names(open, encoding: encoding, groups: [Columns.Field("subdistrict", Columns.subdistrict),
                                                                            Columns.Field("area_class", Columns.areaClass)])
        let crs = try LayerCRS.of(open, given: given)
        _ = try Columns.checkNames(names, groups: [], what: "field", path: path, location: "")
        var properties: [[String: String]] = []
        var shapes: [[[(xs: [Double], ys: [Double])]]] = []   // feature → polygon → ring
        var locations: [String] = []
        try open.forEachFeature { feature, k in
            let at = open.location(k, feature)
            var p: [String: String] = [:]
            for i in 0..<Int32(names.count) where OGR_F_IsFieldSetAndNotNull(feature, i) != 0 {
                p[names[Int(i)]] = try LayerFields.text(feature, i, open: open, name: names[Int(i)], location: at, encoding: encoding)
            }
            guard let geometry = OGR_F_GetGeometryRef(feature), OGR_G_IsEmpty(geometry) == 0 else {
                throw AreaError(path: path, location: at, problem: "a feature without a geometry")
            }
            let type = OGR_GT_Flatten(OGR_G_GetGeometryType(geometry))
            guard type == wkbPolygon || type == wkbMultiPolygon else {
                throw AreaError(path: path, location: at,
                                problem: "geometry type \(LayerGeometry.name(type)), expected Polygon or MultiPolygon")
            }
            shapes.append(try LayerGeometry.parts(geometry, type).map { polygon in
                try (0..<OGR_G_GetGeometryCount(polygon)).map {
                    try LayerGeometry.positions(OGR_G_GetGeometryRef(polygon, $0)!, path: path, at: at)
                }
            })
            properties.append(p)
            locations.append(at)
        }
        var xs: [Double] = [], ys: [Double] = [], owner: [Int] = []
        for (f, polygons) in shapes.enumerated() {
            for ring in polygons.joined() {
                xs += ring.xs
                ys += ring.ys
                owner += Array(repeating: f, count: ring.xs.count)
            }
        }
        let wgs = try LayerCRS.toWGS84(xs, ys, crs: crs, path: path, location: "", locate: { locations[owner[$0]] })
        var k = 0
        var features: [AreaFeature] = []
        for (f, polygons) in shapes.enumerated() {
            let made = polygons.map { rings in
                AreaPolygon(rings: rings.map { ring in
                    defer { k += ring.xs.count }
                    return AreaRing(lon: Array(wgs.lon[k..<(k + ring.xs.count)]), lat: Array(wgs.lat[k..<(k + ring.xs.count)]))
                })
            }
            features.append(AreaFeature(index: f, properties: properties[f], polygons: made))
        }
        guard !features.isEmpty else { throw AreaError(path: path, problem: "the \(open.source.format.layerWord) '\(open.name)' holds no areas") }
        return try AreaSet(features: features, path: path)
    }
}
