import CircleCatalog
import CircleGeo
import CircleGIS
import CircleInput

/// Subdistrict polygons from `--areas`: each feature's `name` (or 街镇, subdistrict) and
/// `area_class` (or 地区类型) properties, found for a point by GEOS point-in-polygon.
final class AreaPolygons: AreaLookup {
    let areas: AreaSet
    let locator: AreaLocator

    /// Reads the areas; every `area_class` given must name an area class of `catalog`.
    ///
    /// - Throws: ``AreaError`` naming the areas file and the feature.
    init(path: String, catalog: Catalog, crs: CoordinateSystem? = nil, encoding: String? = nil) throws {
        areas = try InputFiles.areas(path, crs: crs, encoding: encoding)
        locator = AreaLocator(areas)
        for feature in areas.features {
            guard let text = Self.fields(feature).areaClass, catalog.areaClass(named: text) == nil else { continue }
            let known = catalog.areaClasses.map { "\($0.id) (\($0.nameZh))" }.joined(separator: ", ")
            let close = catalog.areaClasses.map(\.id).filter { NameSuggestions.distance($0, text.lowercased()) <= 2 }
            let hint = close.isEmpty ? "" : "; did you mean '\(close[0])'?"
            throw AreaError(path: path, location: "feature \(feature.index + 1)",
                            problem: "field area_class is '\(text)', not an area class of catalog \(catalog.id) (\(known))\(hint)")
        }
    }

    /// The subdistrict name and area class a feature's properties give.
    static func fields(_ feature: AreaFeature) -> (subdistrict: String?, areaClass: String?) {
        let p = Dictionary(feature.properties.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        return (Columns.value(["name"] + Columns.subdistrict + ["name_zh"], in: p), Columns.value(Columns.areaClass, in: p))
    }

    func area(lon: Double, lat: Double) -> (subdistrict: String?, areaClass: String?) {
        guard let i = locator.locate(lon: lon, lat: lat) else { return (nil, nil) }
        return Self.fields(areas.features[i])
    }
}
