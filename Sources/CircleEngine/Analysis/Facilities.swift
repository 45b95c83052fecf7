import CircleCatalog
import CircleGeo
import CircleGIS
import CircleInput
import CircleOSM
import Foundation

/// A facility point: one entrance of a facility of an item.
public struct FacilityPoint: Sendable, Equatable {
    /// Index of the item in the run's item list.
    public var item: Int
    /// The facility's id; entrances of one facility share it.
    public var id: String
    public var lon: Double
    public var lat: Double
    /// The file (or "osm") it came from.
    public var source: String
    /// The facility's name (the file's `name` column), or "".
    public var name: String = ""
    /// Its capacity (the file's `capacity` column: places, beds, seats…), nil when not given.
    public var capacity: Double? = nil
}

/// Reads facilities from files and from OSM tags, keeping the items of the run.
public enum FacilityReader {
    /// Boundary spacing of polygon facilities, metres (SPEC §5).
    public static let polygonSpacing = 50.0

    /// Facilities of a file: `type` names an item (id, Chinese or English name); rows of an unknown
    /// type are skipped with a warning naming the closest catalog items (with `strict`, they are
    /// an error); rows of an item not in the run are skipped silently.
    public static func read(path: String, catalog: Catalog, items: [Item], crs: CoordinateSystem? = nil,
                            encoding: String? = nil, strict: Bool = false, warnings: inout [String]) throws -> [FacilityPoint] {
        let table = try InputFiles.table(path, polygonSpacing: polygonSpacing, crs: crs, encoding: encoding,
                                         fields: Columns.facilityFields)
        let typeColumn = table.attribute(Columns.type), capacityColumn = table.attribute(Columns.capacity)
        let nameColumn = table.attribute(Columns.name)
        let index = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1.id, $0) })
        var unknown: [String: (count: Int, first: String)] = [:]
        var matched: [String: Item?] = [:]
        var out: [FacilityPoint] = []
        for row in 0..<table.count {
            let p = (id: table.ids[row], lon: table.lon[row], lat: table.lat[row])
            guard let type = table.value(typeColumn, row) else {
                throw InputError(path: path, location: table.location(row), problem: "facility \(p.id): field type is missing")
            }
            // Names are matched once per distinct type (the match normalises and compares every name).
            let match: Item?
            if let known = matched[type] { match = known } else { match = catalog.item(named: type); matched[type] = match }
            guard let item = match else {
                unknown[type, default: (0, table.location(row))].count += 1
                continue
            }
            guard let i = index[item.id] else { continue }
            var capacity: Double?
            if let text = table.value(capacityColumn, row) {
                guard let c = Columns.number(text), c >= 0, c.isFinite else {
                    throw InputError(path: path, location: table.location(row),
                                     problem: "facility \(p.id): capacity '\(text)' is not a number of 0 or more")
                }
                capacity = c
            }
            out.append(FacilityPoint(item: i, id: p.id, lon: p.lon, lat: p.lat, source: path,
                                     name: table.value(nameColumn, row) ?? "", capacity: capacity))
        }
        for (type, seen) in unknown.sorted(by: { $0.key < $1.key }) {
            let like = NameSuggestions.items(like: type, in: catalog)
            let hint = like.isEmpty ? "" : "; did you mean " + like.map { "\($0.id) (\($0.nameZh))" }.joined(separator: ", ") + "?"
            if strict {
                throw InputError(path: path, location: seen.first,
                                 problem: "facility type '\(type)' is not an item of catalog \(catalog.id)\(hint) "
                                 + "(\(seen.count) facilities of this type; see `circle catalog`)")
            }
            warnings.append("\(path): \(seen.count) facilities of unknown type '\(type)' skipped (not an item of catalog "
                            + "\(catalog.id))\(hint)")
        }
        return out
    }

    /// The OSM tag keys any item rule looks at (read with the network).
    public static func featureKeys(items: [Item]) -> [String] {
        var keys = Set(["amenity", "leisure", "shop", "office", "healthcare", "social_facility"])
        for item in items {
            for rule in item.osmTags {
                for term in rule.terms {
                    switch term {
                    case .equals(let key, _), .present(let key): keys.insert(key)
                    default: break
                    }
                }
            }
        }
        return keys.sorted()
    }

    /// Facilities recognised in OSM features by the catalog's tag rules: a node is one point, a
    /// closed way is entrances every 50 m along its outline, an open way its nodes.
    public static func fromOSM(_ data: OSMData, items: [Item]) throws -> [FacilityPoint] {
        let matcher = try FacilityMatcher(items: items)
        let index = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1.id, $0) })
        var out: [FacilityPoint] = []
        for f in 0..<data.features.count {
            let ids = matcher.itemIDs(matching: data.featureTags(f))
            guard !ids.isEmpty else { continue }
            var points = data.featurePoints(f)
            guard !points.isEmpty else { continue }
            let closed = data.features.isWay[f] && points.count >= 4 && points.first! == points.last!
            if closed {
                points = PolygonBoundary.sample(points.map { [$0.lon, $0.lat] }, spacing: polygonSpacing).map { ($0[0], $0[1]) }
            }
            let id = (data.features.isWay[f] ? "w" : "n") + String(data.features.ids[f])
            for itemId in ids {
                for p in points { out.append(FacilityPoint(item: index[itemId]!, id: id, lon: p.lon, lat: p.lat, source: "osm")) }
            }
        }
        return out
    }
}
