import CircleGeo
import Foundation

/// The type of a column of a written layer.
public enum GISFieldType: Sendable, Equatable {
    /// Text (UTF-8).
    case string
    /// A whole number (64-bit).
    case integer
    /// A floating-point number.
    case real
}

/// One column of a written layer.
public struct GISField: Sendable, Equatable {
    /// The column's name as written (see ``GISLayer/fieldName(_:)`` for a safe one).
    public var name: String
    /// The column's type.
    public var type: GISFieldType

    /// A column named `name` of `type`.
    public init(_ name: String, _ type: GISFieldType) {
        self.name = name
        self.type = type
    }
}

/// One cell of a written layer.
public enum GISValue: Sendable, Equatable {
    /// No value (a NULL field).
    case null
    /// Text.
    case string(String)
    /// A whole number.
    case integer(Int)
    /// A number; NaN and infinities are written as NULL.
    case real(Double)
}

/// The geometry of one written feature, in WGS 84 longitude and latitude (the writer converts it
/// to the output frame).
public enum GISGeometry: Sendable, Equatable {
    /// A point.
    case point(lon: Double, lat: Double)
    /// A MultiPolygon of these polygons (none: an empty MultiPolygon).
    case polygons([AreaPolygon])
}

/// The geometry type of a written layer.
public enum GISLayerGeometry: Sendable, Equatable {
    /// A table without geometry (a non-spatial GeoPackage table, or an XLSX sheet).
    case none
    /// Points.
    case point
    /// MultiPolygons (a Polygon is written as a MultiPolygon of one).
    case multiPolygon
}

/// One layer (GeoPackage table or XLSX sheet) to write: its columns and its rows.
public struct GISLayer: Sendable, Equatable {
    /// The layer's name (GeoPackage table name or XLSX sheet name).
    public var name: String
    /// A description stored with the layer where the format has a place for one (GeoPackage).
    public var description: String
    /// The geometry type; `.none` for a plain table.
    public var geometry: GISLayerGeometry
    /// The columns, in order.
    public var fields: [GISField]
    /// The rows: a geometry (nil: none) and one value per column.
    public var features: [(geometry: GISGeometry?, values: [GISValue])]

    /// A layer with no rows yet.
    public init(name: String, description: String = "", geometry: GISLayerGeometry, fields: [GISField]) {
        self.name = name
        self.description = description
        self.geometry = geometry
        self.fields = fields
        self.features = []
    }

    /// Adds one row; `values` must hold one value per column.
    public mutating func add(_ geometry: GISGeometry?, _ values: [GISValue]) {
        precondition(values.count == fields.count, "layer \(name): \(values.count) values for \(fields.count) columns")
        features.append((geometry, values))
    }

    public static func == (a: GISLayer, b: GISLayer) -> Bool {
        a.name == b.name && a.description == b.description && a.geometry == b.geometry && a.fields == b.fields
            && a.features.count == b.features.count
            && zip(a.features, b.features).allSatisfy { $0.geometry == $1.geometry && $0.values == $1.values }
    }

    /// The longest column name written: GeoPackage allows more, but QGIS and the Shapefile
    /// conversion of a layer read names up to 63 characters best.
    public static let maximumFieldNameLength = 63

    /// `name` as a QGIS-friendly column name: letters (any script), digits and `_` only (other
    /// characters become `_`), not starting with a digit, at most 63 characters.
    public static func fieldName(_ name: String) -> String {
        var out = String(name.unicodeScalars.map { s -> Character in
            s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_" ? Character(s) : "_"
        })
        if out.first.map({ $0.isNumber }) ?? true { out = "f_" + out }
        return String(out.prefix(maximumFieldNameLength))
    }
}
