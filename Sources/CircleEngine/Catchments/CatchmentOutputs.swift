import CircleGeo
import CircleReport
import Foundation

/// `facilities.csv` and `facilities.geojson`: one row (feature) per facility, by item in catalog
/// order, then in input order (docs/outputs.md).
enum CatchmentOutputs {
    static let header = ["facility_id", "item", "name", "lon", "lat", "entrances", "snapped_entrances",
                         "catchment_origins", "catchment_residents", "reach_origins", "reach_residents", "capacity",
                         "residents_per_capacity", "sfca_supply_ratio", "sfca_catchment_access", "source"]

    /// The two files' bytes. Residents are left empty when no origin has a population.
    static func files(_ rows: [FacilityCatchment], hasPopulation: Bool) throws -> [(name: String, data: Data)] {
        var csv = CSVWriter(header: header)
        var geo = GeoJSONWriter()
        func residents(_ v: Double) -> String { hasPopulation ? Format.number(v) : "" }
        func ratio(_ v: Double?) -> String { v.map { Format.fixed($0, decimals: 6) } ?? "" }
        for r in rows {
            csv.row([r.id, r.item, r.name, Format.fixed(r.lon, decimals: 7), Format.fixed(r.lat, decimals: 7), "\(r.entrances)",
                     "\(r.snappedEntrances)", "\(r.catchmentOrigins)", residents(r.catchmentResidents), "\(r.reachOrigins)",
                     residents(r.reachResidents), r.capacity.map(Format.number) ?? "", ratio(r.residentsPerCapacity),
                     ratio(r.supplyRatio), ratio(r.catchmentAccess), r.source])
            func number(_ v: Double?) -> JSONValue { v.map { .number($0) } ?? .null }
            try geo.addPoint(lon: r.lon, lat: r.lat, properties: [
                "facility_id": .string(r.id), "item": .string(r.item), "name_zh": .string(r.itemNameZh), "name": .string(r.name),
                "entrances": .int(r.entrances), "snapped_entrances": .int(r.snappedEntrances),
                "catchment_origins": .int(r.catchmentOrigins),
                "catchment_residents": hasPopulation ? .number(r.catchmentResidents) : .null,
                "reach_origins": .int(r.reachOrigins), "reach_residents": hasPopulation ? .number(r.reachResidents) : .null,
                "capacity": number(r.capacity), "residents_per_capacity": number(r.residentsPerCapacity),
                "sfca_supply_ratio": number(r.supplyRatio), "sfca_catchment_access": number(r.catchmentAccess),
                "source": .string(r.source),
            ])
        }
        return [("facilities.csv", csv.data), ("facilities.geojson", geo.data)]
    }
}
