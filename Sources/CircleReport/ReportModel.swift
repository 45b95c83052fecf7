import Foundation

// The figures `report.html` shows, as plain values: the engine fills a `ReportModel` and
// `HTMLReport.render(_:)` turns it into one self-contained HTML file. Nothing here depends on the
// engine, so the renderer can be tested (and previewed) with hand-made models.

/// The language of every label in the report. Item, domain and origin names come from the model.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case zh
    case en
}

/// A WGS84 position in degrees.
public struct ReportPosition: Sendable, Equatable, Hashable {
    public var lon: Double
    public var lat: Double

    public init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }

    /// `ReportPosition(121.5, 31.2)`: longitude first, as in GeoJSON.
    public init(_ lon: Double, _ lat: Double) { self.init(lon: lon, lat: lat) }
}

/// Everything the report shows.
public struct ReportModel: Sendable {
    /// The page title, e.g. "浦东新区 15 分钟社区生活圈覆盖评估".
    public var title: String
    /// How recent the inputs are (the newest input file's modification time), printed as given. Not
    /// the time of the run: equal inputs give byte-equal reports (run.json has the run's times).
    public var inputsDate: String
    /// The tool's version, printed as given.
    public var toolVersion: String
    /// What identifies the map's road network (e.g. its input's SHA-256 and the rules), for
    /// ``MapLayerCache``; nil: the network is drawn anew each time.
    public var networkKey: String?
    /// The language of the labels and of the names taken from items and domains.
    public var lang: ReportLanguage
    /// The headline figures of the whole run.
    public var headline: ReportHeadline
    /// Domains in catalog order (items refer to them by id).
    public var domains: [ReportDomain]
    /// Items in catalog order.
    public var items: [ReportItem]
    /// One row per subdistrict; the renderer sorts them worst first (ascending mean basic score).
    public var subdistricts: [ReportGroup]
    /// One row per area class (urban, expansion, remote); shown as a small table when not empty.
    public var areaClasses: [ReportGroup]
    /// The origins with the most missing items, as the engine chose them (e.g. the top 50); the
    /// renderer orders them by missing count (descending), then basic score, then id.
    public var worstOrigins: [ReportOrigin]
    /// How many origins miss at least one basic item in all (for "showing 50 of N"); nil to omit.
    public var originsWithMissing: Int?
    /// The map; nil when there is nothing to draw.
    public var map: ReportMap?
    /// The run's parameters in the order to print them (speeds, reach, horizon, catalog, snapping…).
    public var parameters: [ReportParameter]
    /// Where every input came from.
    public var inputs: [ReportInput]
    /// Caveats and warnings, one paragraph each (e.g. "the catalog's items are a reconstruction").
    public var notes: [String]
    /// What changed since the previous run (from the run history); shown first. nil: no previous run.
    public var change: ReportChange?
    /// Facilities' catchments per item (idle and most loaded facilities); nil or empty: no section.
    public var catchments: [ReportCatchmentItem]? = nil

    public init(title: String, inputsDate: String, toolVersion: String, lang: ReportLanguage,
                headline: ReportHeadline, domains: [ReportDomain], items: [ReportItem],
                subdistricts: [ReportGroup], areaClasses: [ReportGroup] = [],
                worstOrigins: [ReportOrigin], originsWithMissing: Int? = nil, map: ReportMap? = nil,
                parameters: [ReportParameter] = [], inputs: [ReportInput] = [], notes: [String] = [],
                change: ReportChange? = nil) {
        self.title = title
        self.inputsDate = inputsDate
        self.toolVersion = toolVersion
        self.lang = lang
        self.headline = headline
        self.domains = domains
        self.items = items
        self.subdistricts = subdistricts
        self.areaClasses = areaClasses
        self.worstOrigins = worstOrigins
        self.originsWithMissing = originsWithMissing
        self.map = map
        self.parameters = parameters
        self.inputs = inputs
        self.notes = notes
        self.change = change
    }
}

/// What changed since the previous run: its headline figures, items and subdistricts before and now.
public struct ReportChange: Sendable, Equatable {
    /// How the previous run is named, e.g. its id in the run history ("3").
    public var previousRun: String
    /// When the previous run started, printed as given.
    public var previousDate: String
    public var origins: Int
    public var meanBasicScore: Double
    public var allBasicShare: Double
    /// 缺项 of the previous run.
    public var missingCount: Int
    /// Items present in both runs whose share of origins changed (catalog order).
    public var items: [ReportItemChange]
    /// Subdistricts present in both runs whose 缺项 or mean basic score changed.
    public var subdistricts: [ReportGroupChange]

    public init(previousRun: String, previousDate: String, origins: Int, meanBasicScore: Double, allBasicShare: Double,
                missingCount: Int, items: [ReportItemChange] = [], subdistricts: [ReportGroupChange] = []) {
        self.previousRun = previousRun
        self.previousDate = previousDate
        self.origins = origins
        self.meanBasicScore = meanBasicScore
        self.allBasicShare = allBasicShare
        self.missingCount = missingCount
        self.items = items
        self.subdistricts = subdistricts
    }
}

/// An item's share of origins before and now.
public struct ReportItemChange: Sendable, Equatable {
    public var id: String
    public var before: Double?
    public var after: Double?

    public init(id: String, before: Double?, after: Double?) {
        self.id = id
        self.before = before
        self.after = after
    }
}

/// A subdistrict's 缺项 and mean basic score before and now.
public struct ReportGroupChange: Sendable, Equatable {
    public var name: String
    public var missingBefore: Int
    public var missingAfter: Int
    public var scoreBefore: Double
    public var scoreAfter: Double

    public init(name: String, missingBefore: Int, missingAfter: Int, scoreBefore: Double, scoreAfter: Double) {
        self.name = name
        self.missingBefore = missingBefore
        self.missingAfter = missingAfter
        self.scoreBefore = scoreBefore
        self.scoreAfter = scoreAfter
    }
}

/// The figures of the headline cards.
public struct ReportHeadline: Sendable, Equatable {
    /// Number of origins (居委 and 村委).
    public var origins: Int
    /// Total population of the origins; nil when no origin has one.
    public var population: Double?
    /// Origins without a population (they weigh 1 in population-weighted figures).
    public var originsWithoutPopulation: Int
    /// Mean basic score over the origins, 0…1.
    public var meanBasicScore: Double
    /// Share of origins covering every basic item, 0…1.
    public var allBasicShare: Double
    /// Share of population covering every basic item, 0…1; nil without population.
    public var allBasicPopulationShare: Double?
    /// Total number of 缺项 (missing basic items summed over the origins).
    public var missingCount: Int
    /// Number of basic items in the catalog (21 for Pudong).
    public var basicItemCount: Int
    /// The reach in minutes the headline speaks of (15).
    public var reachMinutes: Double

    public init(origins: Int, population: Double?, originsWithoutPopulation: Int = 0,
                meanBasicScore: Double, allBasicShare: Double, allBasicPopulationShare: Double?,
                missingCount: Int, basicItemCount: Int, reachMinutes: Double = 15) {
        self.origins = origins
        self.population = population
        self.originsWithoutPopulation = originsWithoutPopulation
        self.meanBasicScore = meanBasicScore
        self.allBasicShare = allBasicShare
        self.allBasicPopulationShare = allBasicPopulationShare
        self.missingCount = missingCount
        self.basicItemCount = basicItemCount
        self.reachMinutes = reachMinutes
    }
}

/// A catalog domain (教育, 卫生, …).
public struct ReportDomain: Sendable, Equatable {
    public var id: String
    public var nameZh: String
    public var nameEn: String
    /// `basic`, `related` or `x` (as in the catalog).
    public var kind: String
    /// Share of origins covering every item of the domain that applies to them, 0…1. When nil,
    /// the chart shows the mean of the domain's item shares and says so.
    public var originShare: Double?
    /// The same by population.
    public var populationShare: Double?

    public init(id: String, nameZh: String, nameEn: String, kind: String,
                originShare: Double? = nil, populationShare: Double? = nil) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.kind = kind
        self.originShare = originShare
        self.populationShare = populationShare
    }
}

/// A catalog item with its coverage over the whole run.
public struct ReportItem: Sendable, Equatable {
    public var id: String
    public var nameZh: String
    public var nameEn: String
    public var domainId: String
    public var isBasic: Bool
    /// Share of the origins it applies to that reach it, 0…1; nil when it applies to none.
    public var originShare: Double?
    /// The same weighted by population.
    public var populationShare: Double?
    public var reachMinutes: Double
    /// Facilities found for the item (a 0 flags a data gap rather than a service gap); nil to omit.
    public var facilityCount: Int?

    public init(id: String, nameZh: String, nameEn: String, domainId: String, isBasic: Bool,
                originShare: Double?, populationShare: Double?, reachMinutes: Double = 15,
                facilityCount: Int? = nil) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.domainId = domainId
        self.isBasic = isBasic
        self.originShare = originShare
        self.populationShare = populationShare
        self.reachMinutes = reachMinutes
        self.facilityCount = facilityCount
    }
}

/// A subdistrict (or area class) row.
public struct ReportGroup: Sendable, Equatable {
    public var name: String
    /// `urban`, `expansion`, `remote` (translated), anything else printed as given; "" for none.
    public var areaClass: String
    public var origins: Int
    public var population: Double?
    public var meanBasicScore: Double
    /// Share of origins covering every basic item.
    public var allBasicShare: Double
    /// Share of population covering every basic item; nil to omit.
    public var allBasicPopulationShare: Double?
    /// 缺项: missing basic items summed over the group's origins.
    public var missingCount: Int
    /// The item ids the group covers worst, worst first.
    public var worstItems: [String]

    public init(name: String, areaClass: String, origins: Int, population: Double?, meanBasicScore: Double,
                allBasicShare: Double, allBasicPopulationShare: Double? = nil, missingCount: Int,
                worstItems: [String]) {
        self.name = name
        self.areaClass = areaClass
        self.origins = origins
        self.population = population
        self.meanBasicScore = meanBasicScore
        self.allBasicShare = allBasicShare
        self.allBasicPopulationShare = allBasicPopulationShare
        self.missingCount = missingCount
        self.worstItems = worstItems
    }
}

/// An origin (居委 / 村委) and the basic items it misses.
public struct ReportOrigin: Sendable, Equatable {
    public var id: String
    public var name: String
    public var subdistrict: String
    /// `walk` or `cycle` (translated), anything else printed as given.
    public var mode: String
    public var population: Double?
    public var basicScore: Double
    /// Ids of the missing basic items (缺项), in catalog order.
    public var missing: [String]

    public init(id: String, name: String, subdistrict: String, mode: String, population: Double? = nil,
                basicScore: Double, missing: [String]) {
        self.id = id
        self.name = name
        self.subdistrict = subdistrict
        self.mode = mode
        self.population = population
        self.basicScore = basicScore
        self.missing = missing
    }
}

/// The map: network, outlines, origins and every item's gap polygons, in WGS84.
public struct ReportMap: Sendable {
    /// Network edges as polylines; the renderer projects, rounds and simplifies them.
    public var network: [[ReportPosition]]
    /// Subdistrict outlines (rings or lines), drawn dashed; may be empty.
    public var boundaries: [[ReportPosition]]
    /// The origins as points.
    public var origins: [ReportMapOrigin]
    /// Item id → polygons → rings (exterior first, then holes) → positions.
    public var gaps: [String: [[[ReportPosition]]]]
    /// The item whose gaps show first (and in print); nil or unknown → the first item, in catalog
    /// order, that has gaps.
    public var defaultItem: String?
    /// Item id → its facilities, drawn when the item is chosen.
    public var facilities: [String: [ReportPosition]]
    /// Item id → residents of the origins missing it (shown when a gap is tapped); absent when
    /// not known (no population given).
    public var gapResidents: [String: Double]
    /// Basemap: water and green areas (one ring each), drawn under the streets; may be empty.
    public var water: [[ReportPosition]] = []
    public var green: [[ReportPosition]] = []
    /// Every origin's minutes to every item as one table, `origins.count × items.count` bytes
    /// (origin after origin, items in ``ReportModel/items`` order), each the time's
    /// ``HTMLReport/minuteCode(_:)``. When set (and of that size) it stands for the origins'
    /// ``ReportMapOrigin/minutes``, which are then not read: a city's 50,000 origins need no
    /// array of minutes each. nil: each origin's own minutes.
    public var minuteCodes: [UInt8]? = nil
    /// The network edges as one table of points; when set, it stands for ``network`` (which is
    /// then not read): a city's 450,000 edges need no array each.
    public var networkLines: ReportPolylines? = nil
    /// The origins' part of the map's data (``HTMLReport/originData(_:items:)``), made ahead of the
    /// report (while the gap maps are drawn) for these origins and ``minuteCodes``; nil: made as
    /// the report renders.
    public var originData: [UInt8]? = nil

    public init(network: [[ReportPosition]], boundaries: [[ReportPosition]] = [], origins: [ReportMapOrigin],
                gaps: [String: [[[ReportPosition]]]], defaultItem: String? = nil,
                facilities: [String: [ReportPosition]] = [:], gapResidents: [String: Double] = [:]) {
        self.network = network
        self.boundaries = boundaries
        self.origins = origins
        self.gaps = gaps
        self.defaultItem = defaultItem
        self.facilities = facilities
        self.gapResidents = gapResidents
    }
}

/// Polylines as one table: line `k` is the points `starts[k] ..< starts[k + 1]` of `lon`/`lat`
/// (WGS84 degrees).
public struct ReportPolylines: Sendable, Equatable {
    public var lon: [Double]
    public var lat: [Double]
    /// `count + 1` offsets, ascending, the first 0 and the last `lon.count`.
    public var starts: [Int]

    /// Nil unless `starts` fits the points (ascending from 0 to their count; `lon` and `lat` of one length).
    public init?(lon: [Double], lat: [Double], starts: [Int]) {
        guard lon.count == lat.count, starts.first == 0, starts.last == lon.count,
              zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }) else { return nil }
        self.lon = lon
        self.lat = lat
        self.starts = starts
    }

    /// The same lines as a table.
    public init(_ lines: [[ReportPosition]]) {
        lon = lines.flatMap { $0.map(\.lon) }
        lat = lines.flatMap { $0.map(\.lat) }
        var at = 0
        starts = [0] + lines.map { at += $0.count; return at }
    }

    /// The number of lines.
    public var count: Int { starts.count - 1 }

    /// Line `k` as positions.
    public func line(_ k: Int) -> [ReportPosition] { (starts[k]..<starts[k + 1]).map { ReportPosition(lon[$0], lat[$0]) } }
}

/// An origin's time to an item.
public enum ReportMinutes: Sendable, Equatable {
    case minutes(Double)
    /// Not reachable within the horizon, or the origin is off the network.
    case unreachable
    /// The item does not apply to the origin (an X item of another subdistrict).
    case notApplicable
}

/// An origin on the map.
public struct ReportMapOrigin: Sendable, Equatable {
    public var id: String
    public var name: String
    public var position: ReportPosition
    /// Basic score 0…1; nil (unsnapped, not scored) draws grey.
    public var basicScore: Double?
    /// Missing basic items, for the card; nil to omit.
    public var missingCount: Int?
    /// `residential` or `village` (translated), anything else printed as given; "" for none.
    public var kind: String
    /// `walk` or `cycle` (translated); "" for none.
    public var mode: String
    public var subdistrict: String
    /// Minutes to each item of ``ReportModel/items`` (same order); empty when not known. Colours
    /// the dot by the chosen item and fills the origin's card.
    public var minutes: [ReportMinutes]
    /// The origin's coordinates as its card shows them, in the output frame (`--out-crs`), e.g.
    /// "121.478160, 31.228500 (GCJ-02)"; empty: not shown.
    public var coordinates = ""

    public init(id: String, name: String, position: ReportPosition, basicScore: Double?, missingCount: Int? = nil,
                kind: String = "", mode: String = "", subdistrict: String = "", minutes: [ReportMinutes] = []) {
        self.id = id
        self.name = name
        self.position = position
        self.basicScore = basicScore
        self.missingCount = missingCount
        self.kind = kind
        self.mode = mode
        self.subdistrict = subdistrict
        self.minutes = minutes
    }
}

/// One parameter line, e.g. ("walk speed", "4 km/h"). Names come from the engine as given.
public struct ReportParameter: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// One input file.
public struct ReportInput: Sendable, Equatable {
    /// e.g. "network", "origins", "facilities", "areas", "catalog".
    public var role: String
    public var path: String
    public var bytes: UInt64?
    public var sha256: String?

    public init(role: String, path: String, bytes: UInt64? = nil, sha256: String?) {
        self.role = role
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
    }
}

/// Keeps drawn layers of the report's map between runs: the road network (drawing ~450,000 edges
/// takes a good part of a report, and a nightly job's network rarely changes) and each item's gap
/// polygons (a scenario changes one item's). Keys name the network (``ReportModel/networkKey``)
/// or the polygons (a 128-bit digest of every position), and the map's frame, exactly; a stored
/// layer is the same text the report would draw.
public protocol MapLayerCache: Sendable {
    /// The stored layer under `key`, or nil.
    func layer(_ key: String) -> String?
    /// Stores a layer (failures are ignored: the cache only saves time).
    func store(_ key: String, _ layer: String)
}
