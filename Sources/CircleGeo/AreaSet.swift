import Foundation

/// A closed ring of WGS84 positions in columns: `lon[k]`, `lat[k]` is position k, and the last
/// position repeats the first.
public struct AreaRing: Sendable, Equatable {
    /// Longitudes in degrees.
    public var lon: [Double]
    /// Latitudes in degrees, as many as ``lon``.
    public var lat: [Double]

    /// Creates a ring from columns of equal length.
    public init(lon: [Double], lat: [Double]) {
        self.lon = lon
        self.lat = lat
    }
}

/// One polygon: an exterior ring followed by zero or more holes. Orientation is not checked.
public struct AreaPolygon: Sendable, Equatable {
    /// The exterior ring first, then the holes.
    public var rings: [AreaRing]

    /// Creates a polygon from its exterior ring and holes.
    public init(rings: [AreaRing]) { self.rings = rings }
}

/// One area: a Polygon or MultiPolygon feature with its properties.
public struct AreaFeature: Sendable, Equatable {
    /// Position in the ``AreaSet``, from 0 (the file's "feature 1" has index 0).
    public var index: Int
    /// The feature's properties; non-string values as compact JSON (`12`, `true`, `[1,2]`), nulls left out.
    public var properties: [String: String]
    /// The polygons: one for a Polygon, the parts of a MultiPolygon.
    public var polygons: [AreaPolygon]

    /// Creates a feature.
    public init(index: Int, properties: [String: String] = [:], polygons: [AreaPolygon]) {
        self.index = index
        self.properties = properties
        self.polygons = polygons
    }
}

/// A validated list of areas (subdistricts, land-use zones…): plain values, shareable across tasks.
///
/// Build an ``AreaLocator`` from it on each thread that needs point-in-area queries.
/// Coordinates are planar longitude/latitude; polygons crossing the antimeridian are not supported.
public struct AreaSet: Sendable, Equatable {
    /// The file the areas came from (or the name given for in-memory areas).
    public let path: String
    /// The areas; `features[i].index == i`.
    public let features: [AreaFeature]

    /// The number of areas.
    public var count: Int { features.count }

    /// Validates `features` and numbers them 0, 1, … in order.
    ///
    /// Each feature needs at least one polygon, each polygon an exterior ring; every ring needs at
    /// least 4 positions with the last equal to the first, and longitudes in −180…180 and latitudes
    /// in −90…90. Then each feature, as a GEOS Polygon or MultiPolygon, must be valid
    /// (`GEOSisValid_r`): no self-intersections, holes inside their shell, parts not overlapping.
    /// Features may overlap each other.
    ///
    /// - Throws: ``AreaError`` naming `path`, the feature (from 1) and the problem; for invalid
    ///   geometry, GEOS's reason (`GEOSisValidReason_r`), e.g. "Self-intersection[0.5 0.5]".
    /// - Complexity: O(n log n) in the number of positions (GEOS's validity check).
    public init(features: [AreaFeature], path: String = "<memory>") throws {
        let context = GEOSContext()
        var numbered = features
        for i in numbered.indices {
            numbered[i].index = i
            try Self.checkShape(numbered[i], path: path)
            try Self.checkValidity(numbered[i], path: path, context: context)
        }
        self.path = path
        self.features = numbered
    }

    /// Wraps polygons that GEOS already made or checked (gap maps), skipping the validity check.
    /// Shapes must still be closed rings of at least 4 positions.
    ///
    /// - Throws: ``AreaError`` for a ring that is not closed or too short.
    public init(checkedFeatures features: [AreaFeature], path: String = "<memory>") throws {
        var numbered = features
        for i in numbered.indices {
            numbered[i].index = i
            try Self.checkShape(numbered[i], path: path)
        }
        self.path = path
        self.features = numbered
    }

    /// Reads and validates a GeoJSON FeatureCollection of Polygon and MultiPolygon features
    /// (RFC 7946: [longitude, latitude] positions).
    ///
    /// - Throws: ``AreaError`` naming `path`, the feature and the problem: a missing file, not JSON,
    ///   not a FeatureCollection, a feature without a geometry, a geometry that is not a Polygon or
    ///   MultiPolygon, and every problem ``init(features:path:)`` reports.
    public static func read(path: String) throws -> AreaSet {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AreaError(path: path, problem: FileManager.default.fileExists(atPath: path)
                ? "cannot read the file" : "no such file")
        }
        return try read(data: data, path: path)
    }

    /// Reads and validates GeoJSON `data` as ``read(path:)`` does; `path` names it in errors.
    public static func read(data: Data, path: String) throws -> AreaSet {
        try AreaSet(features: GeoJSONPolygons.read(data: data, path: path), path: path)
    }

    // MARK: Checks

    static func checkShape(_ feature: AreaFeature, path: String) throws {
        let i = feature.index
        guard !feature.polygons.isEmpty else { throw AreaError.feature(i, path, "the geometry has no polygons") }
        for (p, polygon) in feature.polygons.enumerated() {
            guard !polygon.rings.isEmpty else { throw AreaError.feature(i, path, "polygon \(p + 1) has no rings") }
            for (r, ring) in polygon.rings.enumerated() {
                let name = "ring \(r + 1) of polygon \(p + 1)"
                let n = ring.lon.count
                guard ring.lat.count == n else {
                    throw AreaError.feature(i, path, "\(name) has \(n) longitudes but \(ring.lat.count) latitudes")
                }
                guard n >= 4 else {
                    throw AreaError.feature(i, path, "\(name) has \(n) positions; a ring needs at least 4")
                }
                for k in 0..<n {
                    let lon = ring.lon[k], lat = ring.lat[k]
                    guard lon.isFinite, lat.isFinite, (-180...180).contains(lon), (-90...90).contains(lat) else {
                        throw AreaError.feature(i, path,
                                                "coordinates (\(lon), \(lat)) in \(name) are not WGS84 longitude/latitude")
                    }
                }
                guard ring.lon[0] == ring.lon[n - 1], ring.lat[0] == ring.lat[n - 1] else {
                    throw AreaError.feature(i, path, "\(name) is not closed: it starts at (\(ring.lon[0]), "
                                            + "\(ring.lat[0])) and ends at (\(ring.lon[n - 1]), \(ring.lat[n - 1]))")
                }
            }
        }
    }

    static func checkValidity(_ feature: AreaFeature, path: String, context: GEOSContext) throws {
        let made = feature.polygons.count == 1
            ? context.polygon(feature.polygons[0]) : context.multiPolygon(feature.polygons)
        guard let geometry = made else {
            throw AreaError.feature(feature.index, path,
                                    "GEOS could not build the geometry: \(context.takeError(or: "no message"))")
        }
        if let reason = context.validityProblem(geometry) {
            throw AreaError.feature(feature.index, path, "invalid polygon (GEOS): \(reason)")
        }
    }
}
