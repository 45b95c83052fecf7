import CircleCatalog
import CircleGeo
import CircleGraph
import CircleReport
import CircleScore
import CircleSupport
import Foundation

/// The per-origin and per-group tables of a run, and their CSV files (SPEC §8).
struct RunTables: Sendable {
    let catalog: Catalog
    let items: [Item]
    let origins: [Origin]
    let snaps: [Snap]
    /// Per item, per origin: the listed minutes (rounded up to 3 decimals, SPEC §8), nil when
    /// unreachable within the horizon or unsnapped.
    let minutes: [[Double?]]
    let scoredOrigins: [ScoredOrigin]
    let scores: [OriginScore]
    let groups: [GroupScore]
    /// Per item, the modes in whose network no facility of the item is snapped: a blank time
    /// there is `no_facility` (empty: every blank time of a snapped origin is `over_horizon`).
    var noFacility: [Set<TravelMode>] = []
    /// The items with no facility in the inputs ("no data", as in summary.json): their `_pct`
    /// columns are blank, not 0.
    var noData: Set<Int> = []
    /// The language of the column headers (`--lang` given explicitly; English by default).
    var headers = TableHeaders(language: .en, items: [], domains: [])

    /// `0..<count` cut into at most `parts` consecutive ranges (one empty range for none).
    static func slices(_ count: Int, parts: Int) -> [Range<Int>] {
        let n = max(1, min(parts, count))
        return (0..<n).map { k in (count * k / n)..<(count * (k + 1) / n) }
    }

    static let timesHeader = ["origin_id", "item", "mode", "minutes", "status"]

    /// Why a time is blank, or `ok` (the `status` column, docs/outputs.md).
    enum TimeStatus: String, Sendable, CaseIterable {
        /// A time is listed.
        case ok
        /// Snapped, and a facility is on the network, but none within the search horizon.
        case overHorizon = "over_horizon"
        /// No facility of the item is snapped to the origin's (mode's) network.
        case noFacility = "no_facility"
        /// The origin itself is not on the network (too far from it, or only near small islands).
        case unsnapped

        /// Its place in ``allCases``.
        var position: Int {
            switch self {
            case .ok: 0
            case .overHorizon: 1
            case .noFacility: 2
            case .unsnapped: 3
            }
        }
    }

    /// The status of origin `o`'s time to item `i`.
    func status(origin o: Int, item i: Int) -> TimeStatus {
        if minutes[i][o] != nil { return .ok }
        if snaps[o].status != .snapped { return .unsnapped }
        if i < noFacility.count, noFacility[i].contains(origins[o].mode) { return .noFacility }
        return .overHorizon
    }

    /// times.csv: one row per origin, its lines (``times(_:)``).
    func timesFile() -> RowFile {
        RowFile(name: "times.csv", prefix: CSVWriter(header: headers.names(Self.timesHeader)).bytes, count: origins.count,
                format: { [self] in times($0) })
    }

    /// The rows of times.csv (`origin_id,item,mode,minutes,status`) for the origins in `ranges`,
    /// without the header: origins in input order, the items that apply in catalog order; each
    /// origin's lines end at its entry of `ends`.
    ///
    /// Each row is the origin's id, the item's id and the mode, already in CSV form with their
    /// commas, then the minutes and the status with its line break: the same bytes as field by
    /// field (``status(origin:item:)``), without a look-up per row.
    func times(_ ranges: [Range<Int>]) -> FormattedRows {
        let comma = UInt8(ascii: ",")
        // Every fixed piece of a row in one pool of bytes, appended from there without a
        // reference count per row: per mode and item "item,mode,", per status ",status\n".
        var pool: [UInt8] = []
        func piece(_ bytes: [UInt8]) -> Range<Int> {
            pool.append(contentsOf: bytes)
            return (pool.count - bytes.count)..<pool.count
        }
        let modes = TravelMode.allCases
        let heads = modes.map { mode in
            items.map { piece(CSVWriter.escaped($0.id) + [comma] + CSVWriter.escaped(mode.rawValue) + [comma]) }
        }
        let tails = TimeStatus.allCases.map { piece([comma] + Array($0.rawValue.utf8) + [UInt8(ascii: "\n")]) }
        // Per mode, per item: whether a blank time is `no_facility` (else `over_horizon`).
        let noFacilityIn = modes.map { mode in
            items.indices.map { i in i < noFacility.count && noFacility[i].contains(mode) }
        }
        var out: [UInt8] = [], ends: [Int] = []
        let count = ranges.reduce(0) { $0 + $1.count }
        out.reserveCapacity(count * items.count * 40)
        ends.reserveCapacity(count)
        pool.withUnsafeBufferPointer { pool in
            for o in ranges.joined() {
                let id = CSVWriter.escaped(origins[o].id) + [comma]
                let m = modes.firstIndex(of: origins[o].mode)!
                let snapped = snaps[o].status == .snapped
                let applies = scoredOrigins[o].applies
                let head = heads[m], noFacilityHere = noFacilityIn[m]
                id.withUnsafeBufferPointer { id in
                    for i in items.indices where applies[i] {
                        out.append(contentsOf: id)
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: pool[head[i]]))
                        let time = minutes[i][o]
                        Format.appendMinutes(time, to: &out)
                        let status: TimeStatus = time != nil ? .ok : !snapped ? .unsnapped
                            : noFacilityHere[i] ? .noFacility : .overHorizon
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: pool[tails[status.position]]))
                    }
                }
                ends.append(out.count)
            }
        }
        return FormattedRows(bytes: out, ends: ends)
    }

    var domainsInUse: [Domain] { catalog.domains.filter { d in items.contains { $0.domain == d.id } } }

    /// origins.csv: one row per origin (``originRows(_:)``).
    func originsFile() -> RowFile {
        RowFile(name: "origins.csv", prefix: CSVWriter(header: headers.names(originHeader)).bytes, count: origins.count,
                format: { [self] in originRows($0) })
    }

    var originHeader: [String] {
        var header = ["origin_id", "name", "kind", "subdistrict", "area_class", "area_class_source", "mode",
                      "population", "snap_status", "access_m", "basic_covered", "basic_total", "basic_score",
                      "missing_count", "missing_items", "missing_items_zh"]
        header += domainsInUse.map { "covered_\($0.id)" }
        header += ["x_covered", "x_total"]
        header.append("basic_score_pct")
        return header
    }

    /// The rows of origins.csv for the origins in `ranges`, without the header: who each is, how
    /// it snapped, its score, its 缺项 and covered counts per domain.
    func originRows(_ ranges: [Range<Int>]) -> FormattedRows {
        let domains = domainsInUse.map(\.id)
        var csv = CSVWriter()
        var ends: [Int] = []
        let count = ranges.reduce(0) { $0 + $1.count }
        csv.reserveCapacity(count * 256)
        ends.reserveCapacity(count)
        let itemIds = items.map { Array($0.id.utf8) }, itemNamesZh = items.map { Array($0.nameZh.utf8) }
        for range in ranges {
            for o in range {
                let origin = origins[o], s = scores[o]
                for text in [origin.id, origin.name, origin.kind.rawValue, origin.subdistrict, origin.areaClass,
                             origin.areaClassSource, origin.mode.rawValue, origin.population.map { Self.number($0) } ?? "",
                             snaps[o].status.rawValue] { csv.field(text) }
                let snapped = snaps[o].status == .snapped && snaps[o].accessDistance.isFinite
                csv.field(snapped ? snaps[o].accessDistance : nil, decimals: 1)
                csv.field(s.basicCovered)
                csv.field(s.basicTotal)
                csv.field(s.basicScore, decimals: 4)
                csv.field(s.missingBasic.count)
                csv.field(joining: s.missingBasic.map { itemIds[$0] }, separator: UInt8(ascii: ";"))
                csv.field(joining: s.missingBasic.map { itemNamesZh[$0] }, separator: UInt8(ascii: ";"))
                for d in domains { csv.field(s.domainCovered[d] ?? 0) }
                csv.field(s.xCovered)
                csv.field(s.xTotal)
                csv.field(s.basicScore * 100, decimals: 1)
                csv.endRow()
                ends.append(csv.bytes.count)
            }
        }
        return FormattedRows(bytes: csv.bytes, ends: ends)
    }

    /// One row per subdistrict, area class and overall: counts, shares, 缺项, worst items, and the
    /// share of origins (then of population) covering each item.
    func groupTable() -> CSVWriter {
        var header = ["level", "name", "origins", "population", "origins_without_population", "mean_basic_score",
                      "all_basic_share", "all_basic_population_share", "missing_count", "worst_items"]
        header += items.map { "share_\($0.id)" }
        header += items.map { "population_share_\($0.id)" }
        header += ["all_basic_pct", "all_basic_population_pct"]
        header += items.map { "\($0.id)_pct" }
        header += items.map { "\($0.id)_population_pct" }
        var csv = CSVWriter(header: headers.names(header))
        for g in groups {
            var row = [g.level.rawValue, g.name, "\(g.origins)", g.population.map(Self.number) ?? "", "\(g.originsWithoutPopulation)",
                       String(format: "%.4f", g.meanBasicScore), Format.share(g.allBasicShare),
                       Format.share(g.allBasicPopulationShare), "\(g.missingCount)",
                       g.worstItems.map { items[$0].id }.joined(separator: ";")]
            row += g.itemShare.map(Format.share)
            row += g.itemPopulationShare.map(Format.share)
            row += [Self.percent(g.allBasicShare), Self.percent(g.allBasicPopulationShare)]
            row += g.itemShare.enumerated().map { noData.contains($0) ? "" : Self.percent($1) }
            row += g.itemPopulationShare.enumerated().map { noData.contains($0) ? "" : Self.percent($1) }
            csv.row(row)
        }
        return csv
    }

    /// A share as a percentage with one decimal, as the report shows it ("" for none).
    static func percent(_ share: Double?) -> String { share.map { Format.fixed($0 * 100, decimals: 1) } ?? "" }

    /// A count or population without a needless ".0".
    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.3f", v)
    }
}

// MARK: Reuse (`--cache`): everything the formatters above read

extension RunTables {
    /// The reuse of times.csv's rows: every input of ``times(_:)`` (each row's in `shared`). The
    /// header is made anew.
    func timesReuse(_ reuse: OutputReuse, _ shared: OriginRowDigests) -> RowReuse {
        reuse.originRows("times.csv", shared) { d in
            d.add(items.count)
            for item in items { d.add(item.id) }
            d.add(TravelMode.allCases.count)
            for mode in TravelMode.allCases {
                d.add(mode.rawValue)
                for i in items.indices { d.add(i < noFacility.count && noFacility[i].contains(mode)) }
            }
        }
    }

    /// The reuse of origins.csv's rows: every input of ``originRows(_:)`` (each row's in `shared`,
    /// its scores made from them and the scored items). The header is made anew.
    func originsReuse(_ reuse: OutputReuse, _ shared: OriginRowDigests) -> RowReuse {
        let domains = domainsInUse.map(\.id)
        return reuse.originRows("origins.csv", shared) { d in
            d.add(items.count)
            for item in items {
                d.add(item.id)
                d.add(item.nameZh)
            }
            d.add(domains.count)
            for domain in domains { d.add(domain) }
        }
    }
}
