import CircleCatalog
import CircleGIS
import CircleGeo
import CircleSupport
import Foundation

/// run.gpkg (`--gpkg`) and coverage.xlsx (`--xlsx`): the run's layers and sheets, written through
/// GDAL into the staging folder so they are published with the other outputs (docs/outputs.md).
struct RunGIS {
    let run: RunTables
    /// Gap maps in item order (empty with `--no-gaps`).
    let maps: [GapMap]
    let cellSize: Double
    let areas: AreaPolygons?
    let facilities: [FacilityPoint]
    let parameters: [(key: String, value: String)]
    let frame: OutputFrame

    /// Excel's row limit: a sheet holds at most this many rows, the header included.
    static let excelRows = 1_048_576

    /// The layers of run.gpkg: origins, gaps (one feature per item), subdistricts, facilities,
    /// then the tables times and parameters. `extra` layers (e.g. facility catchments) follow.
    func geoPackageLayers(extra: [GISLayer] = []) -> [GISLayer] {
        var layers = [originLayer()]
        if !maps.isEmpty { layers.append(gapLayer()) }
        layers += [subdistrictLayer(headers: nil), facilityLayer(), timesLayer(), parameterLayer(headers: nil)]
        return layers + extra
    }

    /// The sheets of coverage.xlsx: origins × items minutes (wide), 缺项, subdistricts, parameters;
    /// column headers in the tables' language.
    func workbookSheets() -> [GISLayer] {
        [wideSheet(), missingSheet(), subdistrictLayer(headers: run.headers), parameterLayer(headers: run.headers)]
    }

    /// Writes run.gpkg into `output`'s staging folder.
    func writeGeoPackage(to output: OutputFolder, extra: [GISLayer] = []) throws {
        try Self.writing("run.gpkg", in: output) { path in
            try GISDatasetWriter.write(geoPackageLayers(extra: extra), to: path, format: .geoPackage, frame: frame)
        }
    }

    /// Writes coverage.xlsx into `output`'s staging folder; nil, or a warning when the origins do
    /// not fit in a sheet (then no workbook is written).
    func writeWorkbook(to output: OutputFolder) throws -> String? {
        let sheets = workbookSheets()
        if let big = sheets.first(where: { $0.features.count + 1 > Self.excelRows }) {
            return "coverage.xlsx not written: its \(big.name) sheet would have \(big.features.count) rows, more than Excel's \(Self.excelRows - 1)"
        }
        try Self.writing("coverage.xlsx", in: output) { path in
            try GISDatasetWriter.write(sheets, to: path, format: .xlsx)
        }
        return nil
    }

    /// Runs `write` with the staging path of `relative`; an error names the file where it will be
    /// published (as ``OutputFolder/write(_:to:)`` does), not the staging folder.
    static func writing(_ relative: String, in output: OutputFolder, _ write: (String) throws -> Void) throws {
        let staged = try output.path(relative).path
        do { try write(staged) } catch let error as GISWriteError {
            let published = output.destination.appendingPathComponent(relative).path
            throw GISWriteError(path: error.path.replacingOccurrences(of: staged, with: published), reason: error.reason)
        }
    }

    var items: [Item] { run.items }

    static func text(_ s: String) -> GISValue { .string(s) }
    static func number(_ x: Double?) -> GISValue { x.map { .real($0) } ?? .null }
    static func percent(_ share: Double?) -> GISValue { share.map { .real(($0 * 1000).rounded() / 10) } ?? .null }

    var frameNote: String {
        frame.system == .wgs84 ? "" : " Coordinates in \(frame.system) (--out-crs \(frame.name))."
    }

    func originLayer() -> GISLayer {
        var fields = [GISField("origin_id", .string), GISField("name", .string), GISField("kind", .string),
                      GISField("subdistrict", .string), GISField("area_class", .string), GISField("mode", .string),
                      GISField("population", .real), GISField("snap_status", .string), GISField("basic_score", .real),
                      GISField("basic_score_pct", .real), GISField("missing_count", .integer),
                      GISField("missing_items", .string), GISField("missing_items_zh", .string)]
        for item in items {
            fields += [GISField(GISLayer.fieldName("\(item.id)_min"), .real), GISField(GISLayer.fieldName("\(item.id)_status"), .string)]
        }
        var layer = GISLayer(name: "origins", description: "Origins (居委/村委): score, 缺项, minutes and status per item." + frameNote,
                             geometry: .point, fields: fields)
        for (o, origin) in run.origins.enumerated() {
            let s = run.scores[o]
            var values: [GISValue] = [.string(origin.id), .string(origin.name), .string(origin.kind.rawValue),
                                      .string(origin.subdistrict), .string(origin.areaClass), .string(origin.mode.rawValue),
                                      Self.number(origin.population), .string(run.snaps[o].status.rawValue),
                                      .real((s.basicScore * 10_000).rounded() / 10_000), Self.percent(s.basicScore),
                                      .integer(s.missingBasic.count),
                                      .string(s.missingBasic.map { items[$0].id }.joined(separator: ";")),
                                      .string(s.missingBasic.map { items[$0].nameZh }.joined(separator: ";"))]
            for i in items.indices { values += cells(origin: o, item: i) }
            layer.add(.point(lon: origin.lon, lat: origin.lat), values)
        }
        return layer
    }

    /// The minutes and status of one origin and item ("not_applicable" where the item does not
    /// apply to the origin's subdistrict: times.csv has no row for it).
    func cells(origin o: Int, item i: Int) -> [GISValue] {
        guard run.scoredOrigins[o].applies[i] else { return [.null, .string("not_applicable")] }
        return [Self.number(run.minutes[i][o]), .string(run.status(origin: o, item: i).rawValue)]
    }

    func gapLayer() -> GISLayer {
        var layer = GISLayer(name: "gaps", description: "Gap maps: one MultiPolygon per item (the study area: where people can live)." + frameNote,
                             geometry: .multiPolygon,
                             fields: [GISField("item", .string), GISField("name_zh", .string), GISField("name_en", .string),
                                      GISField("domain", .string), GISField("reach_minutes", .real), GISField("modes", .string),
                                      GISField("area_m2", .real), GISField("polygon_area_m2", .real), GISField("cells", .integer),
                                      GISField("cell_m", .real), GISField("subdistricts", .string), GISField("population", .real)])
        for map in maps {
            layer.add(.polygons(map.polygons.polygons), [
                .string(map.item.id), .string(map.item.nameZh), .string(map.item.nameEn), .string(map.item.domain),
                .real(map.item.reachMinutes), .string(map.modes.joined(separator: ";")),
                .real((Double(map.cells) * cellSize * cellSize).rounded()), .real(map.polygons.areaSquareMetres.rounded()),
                .integer(map.cells), .real(cellSize), .string(map.subdistricts.joined(separator: ";")), Self.number(map.population),
            ])
        }
        return layer
    }

    /// The subdistricts, area classes and overall rows of subdistricts.csv, with the subdistrict's
    /// polygons when `--areas` was given. `headers` nil: English, QGIS-safe names (run.gpkg).
    func subdistrictLayer(headers: TableHeaders?) -> GISLayer {
        var english = ["level", "name", "origins", "population", "mean_basic_score", "all_basic_pct",
                       "all_basic_population_pct", "missing_count", "worst_items"]
        english += items.map { "\($0.id)_pct" }
        let names = headers?.names(english) ?? english.map(GISLayer.fieldName)
        let types: [GISFieldType] = [.string, .string, .integer, .real, .real, .real, .real, .integer, .string]
            + items.map { _ in .real }
        var polygons: [String: [AreaPolygon]] = [:]
        for feature in areas?.areas.features ?? [] {
            if let name = AreaPolygons.fields(feature).subdistrict { polygons[name, default: []] += feature.polygons }
        }
        var layer = GISLayer(name: "subdistricts",
                             description: "Subdistricts (街镇), area classes and overall: coverage in percent." + frameNote,
                             geometry: areas == nil ? .none : .multiPolygon,
                             fields: zip(names, types).map { GISField($0, $1) })
        for g in run.groups {
            var values: [GISValue] = [.string(g.level.rawValue), .string(g.name), .integer(g.origins), Self.number(g.population),
                                      .real((g.meanBasicScore * 10_000).rounded() / 10_000), Self.percent(g.allBasicShare),
                                      Self.percent(g.allBasicPopulationShare), .integer(g.missingCount),
                                      .string(g.worstItems.map { items[$0].id }.joined(separator: ";"))]
            values += g.itemShare.enumerated().map { run.noData.contains($0) ? .null : Self.percent($1) }
            let shape = g.level.rawValue == "subdistrict" ? polygons[g.name].map { GISGeometry.polygons($0) } : nil
            layer.add(shape, values)
        }
        return layer
    }

    func facilityLayer() -> GISLayer {
        var layer = GISLayer(name: "facilities", description: "Facility points (entrances) of the run's items." + frameNote,
                             geometry: .point,
                             fields: [GISField("facility_id", .string), GISField("item", .string), GISField("item_zh", .string),
                                      GISField("source", .string)])
        for f in facilities {
            layer.add(.point(lon: f.lon, lat: f.lat), [.string(f.id), .string(items[f.item].id), .string(items[f.item].nameZh),
                                                       .string(f.source)])
        }
        return layer
    }

    /// times.csv as a table.
    func timesLayer() -> GISLayer {
        var layer = GISLayer(name: "times", description: "times.csv: minutes and status per origin and applying item.",
                             geometry: .none,
                             fields: [GISField("origin_id", .string), GISField("item", .string), GISField("mode", .string),
                                      GISField("minutes", .real), GISField("status", .string)])
        for (o, origin) in run.origins.enumerated() {
            for i in items.indices where run.scoredOrigins[o].applies[i] {
                layer.add(nil, [.string(origin.id), .string(items[i].id), .string(origin.mode.rawValue),
                                Self.number(run.minutes[i][o]), .string(run.status(origin: o, item: i).rawValue)])
            }
        }
        return layer
    }

    func parameterLayer(headers: TableHeaders?) -> GISLayer {
        let names = headers?.names(["key", "value"]) ?? ["key", "value"]
        var layer = GISLayer(name: "parameters", description: "The run's parameters.", geometry: .none,
                             fields: [GISField(names[0], .string), GISField(names[1], .string)])
        for p in parameters { layer.add(nil, [.string(p.key), .string(p.value)]) }
        return layer
    }

    /// Origins × items: each item's minutes and status side by side (`ITEM_min`, `ITEM_status`).
    func wideSheet() -> GISLayer {
        var english = ["origin_id", "name", "subdistrict", "mode", "basic_score_pct", "missing_count"]
        var types: [GISFieldType] = [.string, .string, .string, .string, .real, .integer]
        for item in items {
            english += ["\(item.id)_min", "\(item.id)_status"]
            types += [.real, .string]
        }
        var sheet = GISLayer(name: "origins", geometry: .none,
                             fields: zip(run.headers.names(english), types).map { GISField($0, $1) })
        for (o, origin) in run.origins.enumerated() {
            var values: [GISValue] = [.string(origin.id), .string(origin.name), .string(origin.subdistrict),
                                      .string(origin.mode.rawValue), Self.percent(run.scores[o].basicScore),
                                      .integer(run.scores[o].missingBasic.count)]
            for i in items.indices { values += cells(origin: o, item: i) }
            sheet.add(nil, values)
        }
        return sheet
    }

    /// 缺项: one row per origin and basic item it misses.
    func missingSheet() -> GISLayer {
        let english = ["origin_id", "name", "subdistrict", "item", "item_zh", "minutes", "status"]
        let types: [GISFieldType] = [.string, .string, .string, .string, .string, .real, .string]
        var sheet = GISLayer(name: "缺项", geometry: .none, fields: zip(run.headers.names(english), types).map { GISField($0, $1) })
        for (o, origin) in run.origins.enumerated() {
            for i in run.scores[o].missingBasic {
                sheet.add(nil, [.string(origin.id), .string(origin.name), .string(origin.subdistrict), .string(items[i].id),
                                .string(items[i].nameZh), Self.number(run.minutes[i][o]), .string(run.status(origin: o, item: i).rawValue)])
            }
        }
        return sheet
    }
}
