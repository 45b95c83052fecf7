import CircleGIS
import CircleGeo
import CircleGraph
import CircleReport
import Foundation

extension AnalysisRun {
    /// The frame of `--out-crs` (WGS 84 when not given).
    /// - Throws: ``OptionError`` naming `--out-crs` when the value is not a frame PROJ knows.
    static func outputFrame(_ options: AnalysisOptions) throws -> OutputFrame {
        guard let value = options.outCRS else { return .wgs84 }
        do { return try OutputFrame(parsing: value) } catch {
            throw OptionError("--out-crs: \(error)")
        }
    }

    /// With `--gpkg` or `--xlsx`: GDAL must open before any work, so a machine without libgdal
    /// fails at once (exit 1) rather than at the end of the run.
    /// - Throws: ``OptionError`` naming the option and the dynamic loader's reason.
    static func checkGISLibrary(_ options: AnalysisOptions) throws {
        guard options.gpkg == true || options.xlsx == true else { return }
        do { try GDALLibrary.ensureRegistered() } catch {
            throw OptionError("\(options.gpkg == true ? "--gpkg" : "--xlsx"): \(error)")
        }
    }

    /// What the tables need beyond the scores: which blank times mean "no facility", and the
    /// language of the column headers.
    func describeTables(_ run: inout RunTables, _ p: Prepared) {
        run.noFacility = p.perItem.map { perMode in
            Set(TravelMode.allCases.filter { perMode[$0]?.isEmpty ?? true })
        }
        run.noData = Set(items.indices).subtracting(p.facilities.map(\.item))
        let language = options.tableLanguage.flatMap(ReportLanguage.init(rawValue:)) ?? .en
        run.headers = TableHeaders(language: language, items: items, domains: run.domainsInUse)
    }

    /// run.gpkg (`--gpkg`) and coverage.xlsx (`--xlsx`), into the staging folder.
    mutating func writeGIS(run: RunTables, maps: [GapMap], p: Prepared, summary: Summary,
                           catchments: [FacilityCatchment]) throws {
        guard options.gpkg == true || options.xlsx == true else { return }
        let frame = try Self.outputFrame(options)
        var parameters = summary.parameters.filter { $0.key != "out_crs" }.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
        parameters.append((key: "out_crs", value: frame.name))
        parameters.append((key: "run_fingerprint", value: summary.runFingerprint))
        parameters.append((key: "tool_version", value: circleVersion))
        let gis = RunGIS(run: run, maps: maps, cellSize: p.study?.grid.size ?? options.gapCellSize, areas: p.areas,
                         facilities: p.facilities, parameters: parameters, frame: frame)
        if options.gpkg == true {
            let catchmentLayer = CatchmentLayer.layer(catchments, hasPopulation: p.hasPopulation, frameNote: gis.frameNote)
            try gis.writeGeoPackage(to: output, extra: [catchmentLayer])
        }
        if options.xlsx == true, let warning = try gis.writeWorkbook(to: output) { warnings.append(warning) }
    }

    /// With `--out-crs`: each origin's card in the report shows its coordinates in that frame.
    func labelCoordinates(_ model: inout ReportModel, run: RunTables) throws {
        guard options.outCRS != nil, let origins = model.map?.origins, origins.count == run.origins.count else { return }
        let frame = try Self.outputFrame(options)
        var x = run.origins.map(\.lon), y = run.origins.map(\.lat)
        try frame.convert(lon: &x, lat: &y)
        let label = frame.system.isLonLat ? frame.system.description.components(separatedBy: " (").first ?? frame.name : frame.name
        let format = frame.system.isLonLat ? "%.6f, %.6f" : "%.1f, %.1f"
        for k in origins.indices { model.map?.origins[k].coordinates = String(format: format, x[k], y[k]) + " (\(label))" }
    }
}

extension AnalysisOptions {
    /// Why `value` is not a valid `--out-crs` (PROJ's message naming it), or nil when it is.
    public static func outCRSProblem(_ value: String) -> String? {
        do { _ = try OutputFrame(parsing: value) } catch { return "\(error)" }
        return nil
    }
}

/// A GeoPackage or workbook that cannot be written (a full disk, a file-size limit) is exit 1,
/// like any other output file.
extension GISWriteError: UserInputError {}
