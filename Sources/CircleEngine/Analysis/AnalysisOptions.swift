import Foundation
import CircleGIS
import CircleSupport
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
    /// The text encoding of Shapefile attributes (over the `.cpg`) and of CSV and GeoJSON files
    /// that are not UTF-8 (`--encoding GBK`); nil: the `.cpg`, else UTF-8.
    public var encoding: String?
    /// Write gap maps (gaps/, origins.geojson).
    public var gaps = true
    /// Gap-map cell side, metres.
    public var gapCellSize = 50.0
    /// The gap maps' walking access distance, metres: the study area is the land within it of
    /// the walking network (nil: 200, docs/gap-maps.md).
    public var gapAccess: Double?
    /// `osm` (residential land from the OSM file) or a GeoJSON polygon file restricting the study
    /// area further; nil: no mask.
    public var gapMask: String?
    /// Bytes the gap maps' structures may take; nil: half the physical memory.
    public var maxMemory: Double?
    /// The run-history database (SQLite); nil: none.
    public var history: String?
    /// The PostGIS run store (`--db postgresql://…`, docs/postgis.md); nil: none. Never part of
    /// the run fingerprint; recorded without its password.
    public var db: String?
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
    /// When another run is writing the same output folder: wait for it (true) or stop (`--no-wait`).
    public var wait = true
    /// The job file the options came from (`circle run`), named in errors and never replaced.
    public var jobFile: String?
    /// Refuse facility rows of a type the catalog does not know, instead of skipping them with a
    /// warning (`--strict`); nil: not strict. Outputs do not depend on it, so it stays out of the
    /// run fingerprint.
    public var strict: Bool?
    /// The frame of the geometries in run.gpkg and of the report's hover coordinates
    /// (`--out-crs`): wgs84 (nil, the default), gcj02, bd09 or a PROJ CRS. GeoJSON stays WGS 84.
    public var outCRS: String?
    /// Also write run.gpkg, a GeoPackage of the run (`--gpkg`); nil: no.
    public var gpkg: Bool?
    /// Also write coverage.xlsx (`--xlsx`); nil: no.
    public var xlsx: Bool?
    /// The language of the tables' column headers when `--lang` was given explicitly; nil: English.
    public var tableLanguage: String?
    /// A what-if scenario applied to the inputs (`--scenario`, docs/scenarios.md); nil: none.
    public var scenario: Scenario?
    /// The output folder of the run without the scenario, compared with (`--baseline`).
    public var baseline: String?

    public init(network: String, origins: String, facilities: [String], out: String) {
        self.network = network
        self.origins = origins
        self.facilities = facilities
        self.out = out
    }
}

/// A problem with the options themselves, found before any work starts.
extension AnalysisOptions {
    /// Everything the output folder must never replace or lie inside: the inputs, the cache, the
    /// history, the parts folder and the job file.
    var protectedPaths: [ProtectedPath] {
        var p = [ProtectedPath("the network", network), ProtectedPath("the origins file", InputFiles.files(of: origins)[0])]
        p += facilities.filter { $0 != "osm" }.map { ProtectedPath("the facilities file", InputFiles.files(of: $0)[0]) }
        if let areas { p.append(ProtectedPath("the areas file", InputFiles.files(of: areas)[0])) }
        if FileManager.default.fileExists(atPath: catalog) { p.append(ProtectedPath("the catalog file", catalog)) }
        if let cache { p.append(ProtectedPath("the cache folder", cache)) }
        if let history { p.append(ProtectedPath("the run history", history)) }
        if let parts { p.append(ProtectedPath("the parts folder", parts)) }
        if let jobFile { p.append(ProtectedPath("the job file", jobFile)) }
        if let scenario { p.append(ProtectedPath("the scenario file", scenario.file)) }
        if let baseline { p.append(ProtectedPath("the baseline folder", baseline)) }
        return p
    }

    /// How the output folder option is named in messages.
    var outOption: String { jobFile.map { "out: (in \($0))" } ?? "--out" }
}

public struct OptionError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
