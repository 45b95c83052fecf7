import CircleCatalog
import CircleGeo
import CircleGIS
import CircleGraph
import CircleInput
import CircleSupport
import Foundation

/// An origin (居委 or 村委) resolved against the catalog: kind, area class, subdistrict, mode.
public struct Origin: Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: OriginKind
    /// Area class id (`urban`, `expansion`, `remote` in pudong).
    public var areaClass: String
    /// Where the area class came from: `attribute`, `areas` or `catalog` (SPEC §2 order).
    public var areaClassSource: String
    public var subdistrict: String
    public var population: Double?
    public var lon: Double
    public var lat: Double
    public var mode: TravelMode
    /// "line 12" or "feature 3".
    public var location: String
}

/// Looks up the subdistrict and area class of a point from `--areas` polygons.
public protocol AreaLookup {
    /// The subdistrict name and area class (either may be nil) of the polygon holding the point.
    func area(lon: Double, lat: Double) -> (subdistrict: String?, areaClass: String?)
}

/// Reads origins and resolves each against the catalog (SPEC §2). With `--cache` the origins read
/// are kept (``OriginCache``): bump its key's version with any change to what this reads or how.
public enum OriginReader {
    /// - Throws: ``InputError`` naming the file, the line or feature, and the field.
    /// `crs` (`--crs`) overrides a GIS file's own system (nil: the file's, else WGS84); `encoding`
    /// (`--encoding`) the text encoding (``InputFiles``).
    public static func read(path: String, catalog: Catalog, areas: AreaLookup?, crs: CoordinateSystem? = nil,
                            encoding: String? = nil) throws -> [Origin] {
        let table = try InputFiles.table(path, crs: crs, encoding: encoding, fields: Columns.originFields)
        guard !table.isEmpty else { throw InputError(path: path, problem: "holds no origins") }
        let columns = OriginColumns(table)
        let origins: [Origin]
        if let areas {
            // The areas' polygons are looked up through one GEOS context: one thread.
            let lookup = CatalogLookup(catalog)
            origins = try (0..<table.count).map { try resolve(table, $0, columns, path: path, lookup: lookup, areas: areas) }
        } else {
            // Without areas each origin resolves on its own: in slices, on every core, each slice
            // with its own look-ups; the first bad origin in file order is the one reported.
            let slices = table.count < 8_192 ? [0..<table.count] : RunTables.slices(table.count, parts: 4)
            let parts = ResultSlots<Result<[Origin], Error>>(count: slices.count)
            DispatchQueue.concurrentPerform(iterations: slices.count) { k in
                let lookup = CatalogLookup(catalog)
                parts.store(k, Result { try slices[k].map { try resolve(table, $0, columns, path: path, lookup: lookup, areas: nil) } })
            }
            origins = try parts.values.flatMap { try $0!.get() }
        }
        // Each population is finite; their sum (the denominator of population shares) must be too.
        var total = 0.0
        for o in origins {
            total += o.population ?? 1
            guard total.isFinite else {
                throw InputError(path: path, location: o.location,
                                 problem: "the populations add up to more than \(Double.greatestFiniteMagnitude) "
                                 + "by origin \(o.id); population shares could not be computed")
            }
        }
        return origins
    }

    /// The attributes an origin is resolved from, looked up in a table once.
    struct OriginColumns {
        let kind, subdistrict, areaClass, population, name: PointTable.Attribute

        init(_ table: PointTable) {
            (kind, subdistrict, areaClass) = (table.attribute(Columns.kind), table.attribute(Columns.subdistrict),
                                              table.attribute(Columns.areaClass))
            (population, name) = (table.attribute(Columns.population), table.attribute(Columns.name))
        }
    }

    /// Origin `i` of `table`, resolved against the catalog (and `areas`).
    static func resolve(_ table: PointTable, _ i: Int, _ columns: OriginColumns, path: String, lookup: CatalogLookup,
                        areas: AreaLookup?) throws -> Origin {
        let catalog = lookup.catalog
        let p = (id: table.ids[i], lon: table.lon[i], lat: table.lat[i], location: table.location(i))
        func fail(_ problem: String) -> InputError { InputError(path: path, location: p.location, problem: problem) }
        guard let kindText = table.value(columns.kind, i) else {
            throw fail("origin \(p.id): field kind is missing (居委/residential or 村委/village)")
        }
        guard let kind = lookup.originKind(kindText) else {
            throw fail("origin \(p.id): field kind is '\(kindText)', expected 居委/residential or 村委/village")
        }
        let polygon = areas?.area(lon: p.lon, lat: p.lat)
        let subdistrict = table.value(columns.subdistrict, i) ?? polygon?.subdistrict ?? ""
        var classId: String?, source = ""
        if let text = table.value(columns.areaClass, i) {
            guard let c = lookup.areaClass(text) else {
                let known = catalog.areaClasses.map { "\($0.id) (\($0.nameZh))" }.joined(separator: ", ")
                throw fail("origin \(p.id): field area_class is '\(text)', not an area class of the catalog (\(known))")
            }
            (classId, source) = (c.id, "attribute")
        } else if let text = polygon?.areaClass, let c = lookup.areaClass(text) {
            (classId, source) = (c.id, "areas")
        } else if let s = lookup.subdistrict(subdistrict), let c = lookup.areaClass(s.areaClass) {
            (classId, source) = (c.id, "catalog")
        }
        guard let classId, let areaClass = lookup.areaClass(classId) else {
            throw fail("origin \(p.id) has no area class: give an area_class column, --areas polygons, "
                       + "or a subdistrict the catalog knows (got '\(subdistrict)')")
        }
        var population: Double?
        if let text = table.value(columns.population, i) {
            guard let v = Columns.number(text), v >= 0, v.isFinite else {
                throw fail("origin \(p.id): field population is not a non-negative number: '\(text)'")
            }
            population = v
        }
        return Origin(id: p.id, name: table.value(columns.name, i) ?? "", kind: kind, areaClass: classId,
                      areaClassSource: source, subdistrict: subdistrict, population: population, lon: p.lon,
                      lat: p.lat, mode: areaClass.mode(for: kind), location: p.location)
    }
}
