import CircleGIS

/// The facilities' catchments (facilities.csv) as a point layer of run.gpkg.
enum CatchmentLayer {
    /// One feature per facility at its position, with facilities.csv's figures (null where the CSV is
    /// blank: residents when no origin has a population).
    static func layer(_ rows: [FacilityCatchment], hasPopulation: Bool, frameNote: String) -> GISLayer {
        var layer = GISLayer(name: "catchments", description: "facilities.csv: each facility's catchment (nearest-facility "
                                 + "origins and residents), reach and 2SFCA figures." + frameNote,
                             geometry: .point,
                             fields: [GISField("facility_id", .string), GISField("item", .string), GISField("item_zh", .string),
                                      GISField("name", .string), GISField("entrances", .integer),
                                      GISField("snapped_entrances", .integer), GISField("catchment_origins", .integer),
                                      GISField("catchment_residents", .real), GISField("reach_origins", .integer),
                                      GISField("reach_residents", .real), GISField("capacity", .real),
                                      GISField("residents_per_capacity", .real), GISField("sfca_supply_ratio", .real),
                                      GISField("sfca_catchment_access", .real), GISField("source", .string)])
        func real(_ v: Double?) -> GISValue { v.map { .real($0) } ?? .null }
        func residents(_ v: Double?) -> GISValue { hasPopulation ? real(v) : .null }
        for r in rows {
            layer.add(.point(lon: r.lon, lat: r.lat),
                      [.string(r.id), .string(r.item), .string(r.itemNameZh), .string(r.name), .integer(r.entrances),
                       .integer(r.snappedEntrances), .integer(r.catchmentOrigins), residents(r.catchmentResidents),
                       r.reachOrigins.map { .integer($0) } ?? .null, residents(r.reachResidents), real(r.capacity),
                       real(r.residentsPerCapacity), real(r.supplyRatio), real(r.catchmentAccess), .string(r.source)])
        }
        return layer
    }
}
