import CircleGeo
import CircleInput

/// Subdistrict polygons from `--areas`: each feature's `name` (or 街镇, subdistrict) and
/// `area_class` (or 地区类型) properties, found for a point by GEOS point-in-polygon.
final class AreaPolygons: AreaLookup {
    let areas: AreaSet
    let locator: AreaLocator

    init(path: String) throws {
        areas = try AreaSet.read(path: path)
        locator = AreaLocator(areas)
    }

    func area(lon: Double, lat: Double) -> (subdistrict: String?, areaClass: String?) {
        guard let i = locator.locate(lon: lon, lat: lat) else { return (nil, nil) }
        let p = Dictionary(areas.features[i].properties.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        return (Columns.value(["name"] + Columns.subdistrict + ["name_zh"], in: p), Columns.value(Columns.areaClass, in: p))
    }
}
