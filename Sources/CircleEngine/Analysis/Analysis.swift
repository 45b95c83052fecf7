import CircleCatalog
import CircleCoverage
import CircleGeo
import CircleGraph
import CircleInput
import CircleOSM
import CircleScore
import CircleSupport
import Foundation

/// The result of `circle analyze`, as kept in memory after the outputs are written.
public struct AnalysisResult: Sendable {
    public var summary: Summary
    /// Where the outputs stand.
    public var outputFolder: String
}

/// The coverage job (SPEC §2–6, §8): load, snap, search, score, write — outputs published atomically.
public enum Analysis {
    public static func run(_ options: AnalysisOptions, log: StageLog) async throws -> AnalysisResult {
        let started = Date()
        do {
            var run = try AnalysisRun(options: options, log: log)
            return try await run.execute()
        } catch {
            record(error, options: options, started: started)
            throw error
        }
    }

    /// Records a run that stopped early in the history (when there is one): `unchanged` or `failed`.
    static func record(_ error: Error, options: AnalysisOptions, started: Date, prefix: String = "") {
        guard let h = options.history else { return }
        let status = error is NothingChanged ? "unchanged" : "failed"
        HistoryRecorder.other(h, started: started, options: options, status: status, message: prefix + "\(error)")
    }

    /// The catalog with the options' overrides applied, checked.
    static func configuredCatalog(_ o: AnalysisOptions) throws -> Catalog {
        var catalog = try Catalog.resolve(o.catalog)
        func positive(_ v: Double?, _ name: String) throws -> Double? {
            guard let v else { return nil }
            guard v > 0, v.isFinite else { throw OptionError("\(name) must be a positive number, got \(v)") }
            return v
        }
        if let v = try positive(o.walkKmh, "--walk-kmh") { catalog.walkKmh = v }
        if let v = try positive(o.cycleKmh, "--cycle-kmh") { catalog.cycleKmh = v }
        if let v = try positive(o.horizonMinutes, "--horizon") { catalog.horizonMinutes = v }
        if let v = try positive(o.reachMinutes, "--reach") {
            catalog.reachMinutes = v
            for i in catalog.items.indices { catalog.items[i].reachMinutes = v }
        }
        guard o.maxSnapDistance > 0 else { throw OptionError("--max-snap must be positive") }
        if let bad = catalog.items.first(where: { $0.reachMinutes > catalog.horizonMinutes }) {
            throw OptionError("the reach of \(bad.id) (\(bad.reachMinutes) min) exceeds the horizon "
                              + "(\(catalog.horizonMinutes) min): raise --horizon")
        }
        return catalog
    }

    /// The run's items in catalog order (all, or those named).
    static func selectedItems(_ catalog: Catalog, _ names: [String]?) throws -> [Item] {
        guard let names, !names.isEmpty else { return catalog.items }
        var chosen = Set<String>()
        for name in names {
            guard let item = catalog.item(named: name) else {
                throw OptionError("--items: '\(name)' is not an item of catalog \(catalog.id) "
                                  + "(see `circle catalog`); known ids: \(catalog.items.map(\.id).joined(separator: ", "))")
            }
            chosen.insert(item.id)
        }
        return catalog.items.filter { chosen.contains($0.id) }
    }

    static func readFacilities(_ o: AnalysisOptions, osm: OSMFeatureSource, catalog: Catalog, items: [Item],
                               crs: CoordinateSystem?, warnings: inout [String]) async throws -> [FacilityPoint] {
        var out: [FacilityPoint] = []
        for source in o.facilities {
            if source == "osm" {
                guard osm.exists else {
                    throw OptionError("--facilities osm reads the OSM file the network came from, \(osm.path), which is gone")
                }
                let data = try osm.features()
                out += try FacilityReader.fromOSM(data, items: items)
            } else {
                out += try FacilityReader.read(path: source, catalog: catalog, items: items, crs: crs, encoding: o.encoding,
                                              strict: o.strict ?? false, warnings: &warnings)
            }
        }
        return out
    }

    static func duplicateIds(_ ids: [String], file: String) -> [String] {
        var seen = Set<String>(), dup: [String] = []
        for id in ids where !seen.insert(id).inserted { dup.append(id) }
        guard !dup.isEmpty else { return [] }
        return ["\(file): \(dup.count) duplicate origin ids (\(dup.prefix(5).joined(separator: ", "))\(dup.count > 5 ? ", …" : ""))"]
    }

    static func unsnappedFacilityWarnings(_ f: [FacilityPoint], _ snaps: [TravelMode: [Snap]]) -> [String] {
        snaps.sorted { $0.key.rawValue < $1.key.rawValue }.compactMap { mode, s in
            let missed = f.indices.filter { s[$0].status != .snapped }
            guard !missed.isEmpty else { return nil }
            let ids = missed.prefix(5).map { f[$0].id }.joined(separator: ", ")
            return "\(missed.count) facility points lie off the \(mode.rawValue) network and are left out (\(ids)\(missed.count > 5 ? ", …" : ""))"
        }
    }
}
