import CircleGeo
import CircleReport
import Foundation

/// `facilities.csv` and `facilities.geojson`: one row (feature) per facility, by item in catalog
/// order, then in input order (docs/outputs.md).
enum CatchmentOutputs {
    static let header = ["facility_id", "item", "name", "lon", "lat", "entrances", "snapped_entrances",
                         "catchment_origins", "catchment_residents", "reach_origins", "reach_residents", "capacity",
                         "residents_per_capacity", "sfca_supply_ratio", "sfca_catchment_access", "source"]

    /// The two files' bytes. Residents are left empty when no origin has a population. With
    /// `reuse` (`--cache`), the rows of facilities whose figures are unchanged are copied from
    /// the cache (``RowMemo``); the files are the same.
    static func files(_ rows: [FacilityCatchment], hasPopulation: Bool, reuse: OutputReuse? = nil) throws
        -> [(name: String, data: Data)] {
        try madeFiles(rows, hasPopulation: hasPopulation, reuse: reuse).map { ($0.name, Data($0.bytes)) }
    }

    /// facilities.csv's rows of the facilities in `ranges`.
    static func csvRows(_ rows: [FacilityCatchment], _ ranges: [Range<Int>], hasPopulation: Bool) -> FormattedRows {
        var csv = CSVWriter()
        var ends: [Int] = []
        func residents(_ v: Double) -> String { hasPopulation ? Format.number(v) : "" }
        func ratio(_ v: Double?) -> String { v.map { Format.fixed($0, decimals: 6) } ?? "" }
        for k in ranges.joined() {
            let r = rows[k]
            csv.row([r.id, r.item, r.name, Format.fixed(r.lon, decimals: 7), Format.fixed(r.lat, decimals: 7), "\(r.entrances)",
                     "\(r.snappedEntrances)", "\(r.catchmentOrigins)", residents(r.catchmentResidents), r.reachOrigins.map { "\($0)" } ?? "",
                     r.reachResidents.map(residents) ?? "", r.capacity.map(Format.number) ?? "", ratio(r.residentsPerCapacity),
                     ratio(r.supplyRatio), ratio(r.catchmentAccess), r.source])
            ends.append(csv.bytes.count)
        }
        return FormattedRows(bytes: csv.bytes, ends: ends)
    }

    /// facilities.geojson's features of the facilities in `ranges`.
    static func features(_ rows: [FacilityCatchment], _ ranges: [Range<Int>], hasPopulation: Bool) throws -> FormattedRows {
        var geo = GeoJSONWriter()
        var ends: [Int] = []
        func number(_ v: Double?) -> JSONValue { v.map { .number($0) } ?? .null }
        for k in ranges.joined() {
            let r = rows[k]
            try geo.addPoint(lon: r.lon, lat: r.lat, properties: [
                "facility_id": .string(r.id), "item": .string(r.item), "name_zh": .string(r.itemNameZh), "name": .string(r.name),
                "entrances": .int(r.entrances), "snapped_entrances": .int(r.snappedEntrances),
                "catchment_origins": .int(r.catchmentOrigins),
                "catchment_residents": hasPopulation ? .number(r.catchmentResidents) : .null,
                "reach_origins": r.reachOrigins.map { .int($0) } ?? .null,
                "reach_residents": hasPopulation ? number(r.reachResidents) : .null,
                "capacity": number(r.capacity), "residents_per_capacity": number(r.residentsPerCapacity),
                "sfca_supply_ratio": number(r.supplyRatio), "sfca_catchment_access": number(r.catchmentAccess),
                "source": .string(r.source),
            ])
            ends.append(geo.features.count)
        }
        return FormattedRows(bytes: geo.features, ends: ends)
    }

    /// The reuse of file `name`'s rows: every field of a facility's catchment (all that both
    /// formatters read), and whether residents are listed.
    static func reuse(_ name: String, _ rows: [FacilityCatchment], hasPopulation: Bool, _ reuse: OutputReuse) -> RowReuse {
        reuse.rows(name, fixed: { d in
            d.add(hasPopulation)
        }, digest: { k, d in
            let r = rows[k]
            for text in [r.id, r.item, r.itemNameZh, r.name, r.source] { d.add(text) }
            d.add(r.lon)
            d.add(r.lat)
            d.add(r.entrances)
            d.add(r.snappedEntrances)
            d.add(r.catchmentOrigins)
            d.add(r.catchmentResidents)
            d.add(r.reachOrigins.map(Double.init))
            d.add(r.reachResidents)
            d.add(r.capacity)
            d.add(r.residentsPerCapacity)
            d.add(r.supplyRatio)
            d.add(r.catchmentAccess)
        })
    }

    /// The report's catchments section: per item with facilities, how many are idle and the five
    /// most loaded (residents per capacity when every facility of the item has one, else
    /// catchment residents, else catchment origins; ties in input order).
    static func reportItems(_ rows: [FacilityCatchment], hasPopulation: Bool) -> [ReportCatchmentItem] {
        var order: [String] = []
        var byItem: [String: [FacilityCatchment]] = [:]
        for r in rows {
            if byItem[r.item] == nil { order.append(r.item) }
            byItem[r.item, default: []].append(r)
        }
        return order.map { item in
            let list = byItem[item]!
            let byCapacity = list.allSatisfy { $0.residentsPerCapacity != nil }
            func load(_ r: FacilityCatchment) -> Double {
                byCapacity ? r.residentsPerCapacity! : hasPopulation ? r.catchmentResidents : Double(r.catchmentOrigins)
            }
            let top = list.enumerated().sorted { (load($1.element), $0.offset) < (load($0.element), $1.offset) }
                .prefix(5).map(\.element).filter { load($0) > 0 }
            return ReportCatchmentItem(itemId: item, facilities: list.count, idle: list.filter { $0.catchmentOrigins == 0 }.count,
                                       loaded: top.map {
                                           ReportFacilityLoad(id: $0.id, name: $0.name, origins: $0.catchmentOrigins,
                                                              residents: hasPopulation ? $0.catchmentResidents : nil,
                                                              capacity: $0.capacity,
                                                              residentsPerCapacity: byCapacity ? $0.residentsPerCapacity : nil)
                                       })
        }
    }
}

extension CatchmentOutputs {
    /// facilities.csv and .geojson as made files: with `reuse`, unchanged rows copied from the cache; the parts not joined into one buffer.
    static func madeFiles(_ rows: [FacilityCatchment], hasPopulation: Bool, reuse: OutputReuse?) throws -> [MadeFile] {
        let csv = RowFile(name: "facilities.csv", prefix: CSVWriter(header: header).bytes, count: rows.count,
                          format: { csvRows(rows, $0, hasPopulation: hasPopulation) })
        let geo = RowFile(name: "facilities.geojson", prefix: GeoJSONWriter.collectionStart, suffix: GeoJSONWriter.collectionEnd,
                          separator: [UInt8(ascii: ",")], count: rows.count,
                          format: { try features(rows, $0, hasPopulation: hasPopulation) })
        return try [csv, geo].map { file in
            try RowMemo.make(file, reuse: reuse.map { Self.reuse(file.name, rows, hasPopulation: hasPopulation, $0) })
        }
    }
}
