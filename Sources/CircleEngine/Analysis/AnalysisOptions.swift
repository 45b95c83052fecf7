/// Everything `circle analyze` takes (and a job file will).
public struct AnalysisOptions: Sendable, Codable, Equatable {
    /// OSM file or graph cache.
    public var network: String
    /// Origins file (CSV or GeoJSON).
    public var origins: String
    /// Facility files, and/or `osm` for facilities from the network's OSM tags.
    public var facilities: [String]
    /// Subdistrict polygons (GeoJSON).
    public var areas: String?
    /// `pudong` or a catalog JSON file.
    public var catalog: String = "pudong"
    /// Overrides of the catalog's defaults.
    public var walkKmh: Double?
    public var cycleKmh: Double?
    /// Reach for every item, minutes (else each item's own).
    public var reachMinutes: Double?
    public var horizonMinutes: Double?
    /// Only these items (ids or names), in catalog order.
    public var items: [String]?
    /// Output folder, replaced atomically.
    public var out: String
    public var maxSnapDistance: Double = 500
    public var minComponentNodes: Int = 500
    /// The coordinate system of the origin and facility files: wgs84 (default), gcj02, bd09 or a
    /// PROJ CRS such as EPSG:4547. GeoJSON areas are WGS84, as RFC 7946 requires.
    public var crs: String?
    /// Write gap maps (gaps/, origins.geojson).
    public var gaps = true
    /// Gap-map cell side, metres.
    public var gapCellSize = 50.0
    /// The run-history database (SQLite); nil: none.
    public var history: String?
    /// Stop at once (``NothingChanged``) when the outputs in place came from the same inputs and options.
    public var skipUnchanged = false
    /// A folder keeping search results between runs (incremental reruns); nil: none.
    public var cache: String?
    /// Cache entries no run used for this many days are removed after a successful run (nil: 14).
    public var cacheKeepDays: Double?
    /// Where shards (`--shard K/N`) write their partial results and `circle merge` reads them; nil: none.
    public var parts: String?
    /// The language of `report.html`: `zh` or `en`.
    public var language = "zh"
    /// Also write each origin's reachable area within its reach (`isochrones.geojson`).
    public var isochrones = false
    /// Refuse facility rows of a type the catalog does not know, instead of skipping them with a
    /// warning (`--strict`); nil: not strict. Outputs do not depend on it, so it stays out of the
    /// run fingerprint.
    public var strict: Bool?

    public init(network: String, origins: String, facilities: [String], out: String) {
        self.network = network
        self.origins = origins
        self.facilities = facilities
        self.out = out
    }
}

/// A problem with the options themselves, found before any work starts.
public struct OptionError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
