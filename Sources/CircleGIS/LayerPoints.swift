import CGDAL
import CircleGeo
import CircleInput
import Foundation

/// Points from a GDAL layer, by the rules of the CSV and GeoJSON readers (README, Inputs):
/// a layer with geometry gives its Point and MultiPoint features (with `polygonSpacing`, also
/// Polygon and MultiPolygon features as points along their rings), a sheet without geometry its
/// longitude and latitude columns. Field names follow ``Columns`` (Chinese names included); the
/// id is the `id` (编号) field, else the feature's (or row's) number.
enum LayerPoints {
    /// One feature's positions before conversion to WGS84.
    struct Raw {
        var id: String
        var attributes: [String: String]
        var location: String
        /// Points, each a part of its own.
        var xs: [Double] = [], ys: [Double] = []
        /// Polygon rings, sampled along their boundary once in WGS84.
        var rings: [(xs: [Double], ys: [Double])] = []
    }

    static func read(_ open: OpenLayer, polygonSpacing: Double?, crs given: CoordinateSystem?, encoding: String?,
                     fields: [Columns.Field]) throws -> [InputPoint] {
        let path = open.source.spec
        let defn = OGR_L_GetLayerDefn(open.layer)
        let columns = OGR_FD_GetGeomFieldCount(defn) == 0
        let crs = try LayerCRS.of(open, given: given)
        let groups = (columns ? [Columns.Field("longitude", PointReader.lonColumns), Columns.Field("latitude", PointReader.latColumns)] : [])
            + [Columns.Field("id", PointReader.idColumns)] + fields
        let names = try LayerFields.names(open, encoding: encoding, groups: groups)
        let header = open.source.format == .xlsx ? "row 1" : ""
        let chosen = try Columns.checkNames(names, groups: groups, what: columns ? "column" : "field", path: path, location: header)
        var lonField: Int32 = -1, latField: Int32 = -1
        if columns {
            func missing(_ what: String, _ accepted: [String]) -> InputError {
                InputError(path: path, location: header, problem: "no \(what) column (accepted: \(accepted.joined(separator: ", "))); "
                           + "the \(open.source.format.layerWord) '\(open.name)' has \(names.count) column\(names.count == 1 ? "" : "s")"
                           + (names.isEmpty ? "" : ": " + names.prefix(8).map { "'\($0)'" }.joined(separator: ", ")))
            }
            guard let lon = chosen[0] else { throw missing("longitude", PointReader.lonColumns) }
            guard let lat = chosen[1] else { throw missing("latitude", PointReader.latColumns) }
            (lonField, latField) = (Int32(lon), Int32(lat))
        }
        let idField = chosen[columns ? 2 : 0].map(Int32.init)
        let lower = names.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var raws: [Raw] = []
        try open.forEachFeature { feature, k in
            let at = open.location(k, feature)
            var attributes: [String: String] = [:]
            var empty = true
            for i in 0..<Int32(names.count) where OGR_F_IsFieldSetAndNotNull(feature, i) != 0 {
                let text = try LayerFields.text(feature, i, open: open, name: names[Int(i)], location: at, encoding: encoding)
                if !text.isEmpty { empty = false }
                if i != lonField, i != latField, !lower[Int(i)].isEmpty { attributes[lower[Int(i)]] = text }
            }
            let givenId = idField.flatMap { attributes[lower[Int($0)]] }?.trimmingCharacters(in: .whitespaces) ?? ""
            if columns {
                if empty { return }   // a blank row, as a blank CSV line
                let id = givenId.isEmpty ? String(raws.count + 1) : givenId
                var raw = Raw(id: id, attributes: attributes, location: at)
                raw.xs = [try number(feature, lonField, names[Int(lonField)], path: path, at: at, encoding: encoding, open: open)]
                raw.ys = [try number(feature, latField, names[Int(latField)], path: path, at: at, encoding: encoding, open: open)]
                raws.append(raw)
            } else {
                var raw = Raw(id: givenId.isEmpty ? String(k + 1) : givenId, attributes: attributes, location: at)
                guard let geometry = OGR_F_GetGeometryRef(feature), OGR_G_IsEmpty(geometry) == 0 else {
                    throw InputError(path: path, location: at, problem: "a feature without a geometry")
                }
                try LayerGeometry.collect(geometry, polygons: polygonSpacing != nil, into: &raw, path: path, at: at)
                raws.append(raw)
            }
        }
        return try convert(raws, crs: crs, polygonSpacing: polygonSpacing ?? 0, path: path)
    }

    /// A longitude or latitude column's number: a numeric field as stored, a text field parsed
    /// as the CSV reader does.
    static func number(_ feature: OGRFeatureH, _ field: Int32, _ name: String, path: String, at: String,
                       encoding: String?, open: OpenLayer) throws -> Double {
        let type = OGR_Fld_GetType(OGR_F_GetFieldDefnRef(feature, field))
        let set = OGR_F_IsFieldSetAndNotNull(feature, field) != 0
        if set, type == OFTReal || type == OFTInteger || type == OFTInteger64 {
            return OGR_F_GetFieldAsDouble(feature, field)
        }
        let s = set ? try LayerFields.text(feature, field, open: open, name: name, location: at, encoding: encoding)
            .trimmingCharacters(in: .whitespaces) : ""
        guard let v = Columns.number(s) else {
            let hint = s.contains(",") && Columns.number(s.replacingOccurrences(of: ",", with: ".")) != nil
                ? " (write decimals with a point, not a comma)" : ""
            throw InputError(path: path, location: at, problem: "field \(name) is not a number: '\(s)'\(hint)")
        }
        return v
    }

    /// Every position converted to WGS84 in one PROJ call, rings then sampled every `polygonSpacing` metres.
    static func convert(_ raws: [Raw], crs: CoordinateSystem, polygonSpacing: Double, path: String) throws -> [InputPoint] {
        var xs: [Double] = [], ys: [Double] = []
        for r in raws {
            xs += r.xs
            ys += r.ys
            for ring in r.rings { xs += ring.xs; ys += ring.ys }
        }
        let wgs = try LayerCRS.toWGS84(xs, ys, crs: crs, path: path, location: "", locate: { index in
            var k = index
            for r in raws {
                let n = r.xs.count + r.rings.reduce(0) { $0 + $1.xs.count }
                if k < n { return r.location }
                k -= n
            }
            return ""
        })
        var points: [InputPoint] = []
        points.reserveCapacity(raws.count)
        var k = 0
        for r in raws {
            for _ in r.xs.indices {
                points.append(InputPoint(id: r.id, lon: wgs.lon[k], lat: wgs.lat[k], attributes: r.attributes, location: r.location))
                k += 1
            }
            for ring in r.rings {
                let line = (k..<(k + ring.xs.count)).map { [wgs.lon[$0], wgs.lat[$0]] }
                k += ring.xs.count
                for p in PolygonBoundary.sample(line, spacing: polygonSpacing) {
                    points.append(InputPoint(id: r.id, lon: p[0], lat: p[1], attributes: r.attributes, location: r.location))
                }
            }
        }
        return points
    }
}

/// A layer's field names and values as UTF-8 text.
enum LayerFields {
    /// The field names, each checked to be UTF-8. A Shapefile's names are cut to 10 characters
    /// (`subdistric`): such a name stands for the one alias of `groups` it begins.
    static func names(_ open: OpenLayer, encoding: String?, groups: [Columns.Field]) throws -> [String] {
        let defn = OGR_L_GetLayerDefn(open.layer)
        let long = Set(groups.flatMap(\.aliases).filter { $0.utf8.count > 10 })
        return try (0..<OGR_FD_GetFieldCount(defn)).map { i in
            let raw = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i))!
            guard let name = String(validatingCString: raw) else {
                throw InputError(path: open.source.spec, problem: "field \(i + 1)'s name is not UTF-8 text; "
                                 + ReadEncoding.hint(open.source, given: encoding))
            }
            guard open.source.format == .shapefile, name.utf8.count == 10 else { return name }
            let full = long.filter { $0.hasPrefix(name.lowercased()) }
            return full.count == 1 ? full.first! : name
        }
    }

    /// A field's value as text (numbers as GDAL writes them), checked to be UTF-8.
    static func text(_ feature: OGRFeatureH, _ i: Int32, open: OpenLayer, name: String, location: String,
                     encoding: String?) throws -> String {
        guard let text = String(validatingCString: OGR_F_GetFieldAsString(feature, i)) else {
            throw InputError(path: open.source.spec, location: location,
                             problem: "field \(name) is not UTF-8 text; " + ReadEncoding.hint(open.source, given: encoding))
        }
        return text
    }
}

/// The positions of a feature's geometry, by type.
enum LayerGeometry {
    /// Adds the points (Point, MultiPoint) or, with `polygons`, rings (Polygon, MultiPolygon) of
    /// `geometry` to `raw`; a GeometryCollection adds its members'.
    static func collect(_ geometry: OGRGeometryH, polygons: Bool, into raw: inout LayerPoints.Raw,
                        path: String, at: String) throws {
        let type = OGR_GT_Flatten(OGR_G_GetGeometryType(geometry))
        switch type {
        case wkbPoint:
            raw.xs.append(OGR_G_GetX(geometry, 0))
            raw.ys.append(OGR_G_GetY(geometry, 0))
        case wkbMultiPoint, wkbGeometryCollection:
            for i in 0..<OGR_G_GetGeometryCount(geometry) {
                guard let part = OGR_G_GetGeometryRef(geometry, i), OGR_G_IsEmpty(part) == 0 else { continue }
                try collect(part, polygons: polygons, into: &raw, path: path, at: at)
            }
        case wkbPolygon where polygons, wkbMultiPolygon where polygons:
            for polygon in parts(geometry, type) {
                for r in 0..<OGR_G_GetGeometryCount(polygon) {
                    let ring = try positions(OGR_G_GetGeometryRef(polygon, r)!, path: path, at: at)
                    raw.rings.append(ring)
                }
            }
        default:
            let expected = polygons ? "Point, MultiPoint, Polygon or MultiPolygon" : "Point or MultiPoint"
            throw InputError(path: path, location: at, problem: "geometry type \(name(type)), expected \(expected)")
        }
    }

    /// The polygons of a Polygon or MultiPolygon.
    static func parts(_ geometry: OGRGeometryH, _ type: OGRwkbGeometryType) -> [OGRGeometryH] {
        type == wkbPolygon ? [geometry] : (0..<OGR_G_GetGeometryCount(geometry)).compactMap { OGR_G_GetGeometryRef(geometry, $0) }
    }

    /// A ring's positions (x, y), at least 4 of them.
    static func positions(_ ring: OGRGeometryH, path: String, at: String) throws -> (xs: [Double], ys: [Double]) {
        let n = Int(OGR_G_GetPointCount(ring))
        guard n >= 4 else { throw InputError(path: path, location: at, problem: "a polygon ring needs at least 4 positions, it has \(n)") }
        var xs = [Double](repeating: 0, count: n), ys = [Double](repeating: 0, count: n)
        xs.withUnsafeMutableBytes { x in
            ys.withUnsafeMutableBytes { y in
                _ = OGR_G_GetPoints(ring, x.baseAddress, 8, y.baseAddress, 8, nil, 0)
            }
        }
        return (xs, ys)
    }

    /// The GeoJSON-style name of a geometry type: "LineString", "MultiLineString", "CurvePolygon"…
    static func name(_ type: OGRwkbGeometryType) -> String {
        String(cString: OGRGeometryTypeToName(type)).replacingOccurrences(of: " ", with: "")
    }
}
