import CircleCatalog
import CircleCoverage
import CircleGeo
import CircleGraph
import CircleScore
import CircleSupport
import Foundation

/// `summary.json`: the run's figures, inputs, parameters, network and snapping statistics,
/// warnings (SPEC §8). Keys are sorted and nothing in it depends on the clock or on how the work was
/// split, so equal inputs and options give a byte-equal file; the run's timings are in `run.json`
/// (``RunRecord``).
public struct Summary: Codable, Sendable {
    public static let schemaVersion = 1

    public struct Input: Codable, Sendable {
        public var role: String
        public var path: String
        public var bytes: UInt64?
        public var sha256: String?
    }

    public struct ItemFigures: Codable, Sendable {
        public var id: String
        public var nameZh: String
        public var nameEn: String
        public var domain: String
        public var kind: String
        public var reachMinutes: Double
        public var facilityPoints: Int
        /// No facility of the item in the inputs: its shares are null ("no data", SPEC §6), not 0.
        public var noData: Bool
        /// Shares of origins and of population (over origins with one) reaching it; null when
        /// there is no data, when it applies to no origin, or (population) when no origin has one.
        public var originShare: Double?
        public var populationShare: Double?

        enum CodingKeys: String, CodingKey {
            case id, nameZh, nameEn, domain, kind, reachMinutes, facilityPoints, noData, originShare, populationShare
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(nameZh, forKey: .nameZh)
            try c.encode(nameEn, forKey: .nameEn)
            try c.encode(domain, forKey: .domain)
            try c.encode(kind, forKey: .kind)
            try c.encode(reachMinutes, forKey: .reachMinutes)
            try c.encode(facilityPoints, forKey: .facilityPoints)
            try c.encode(noData, forKey: .noData)
            try c.encode(originShare, forKey: .originShare)   // null, not left out
            try c.encode(populationShare, forKey: .populationShare)
        }
    }

    public struct Group: Codable, Sendable {
        public var level: String
        public var name: String
        public var origins: Int
        /// Total population of the origins that have one; null when none has (never 1 per origin).
        public var population: Double?
        /// Origins without a population, left out of the population figures.
        public var originsWithoutPopulation: Int
        public var meanBasicScore: Double
        public var allBasicShare: Double
        /// Null when no origin of the group has a population.
        public var allBasicPopulationShare: Double?
        public var missingCount: Int
        public var worstItems: [String]

        enum CodingKeys: String, CodingKey {
            case level, name, origins, population, originsWithoutPopulation, meanBasicScore, allBasicShare
            case allBasicPopulationShare, missingCount, worstItems
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(level, forKey: .level)
            try c.encode(name, forKey: .name)
            try c.encode(origins, forKey: .origins)
            try c.encode(population, forKey: .population)   // null, not left out
            try c.encode(originsWithoutPopulation, forKey: .originsWithoutPopulation)
            try c.encode(meanBasicScore, forKey: .meanBasicScore)
            try c.encode(allBasicShare, forKey: .allBasicShare)
            try c.encode(allBasicPopulationShare, forKey: .allBasicPopulationShare)
            try c.encode(missingCount, forKey: .missingCount)
            try c.encode(worstItems, forKey: .worstItems)
        }
    }

    public struct Snapping: Codable, Sendable {
        public var points: String
        public var mode: String
        public var total: Int
        public var snapped: Int
        public var tooFar: Int
        public var noEligibleEdge: Int
    }

    /// The gap maps' study area (SPEC §7): where gaps can be, and what made it.
    public struct GapStudyArea: Codable, Sendable {
        /// Its area: study cells × the cell's area, km².
        public var areaKm2: Double
        public var cells: Int
        public var cellM: Double
        /// The walking access distance, metres.
        public var accessM: Double
        /// Whether `--areas` polygons clipped it.
        public var areas: Bool
        /// The mask: "none", "osm" or the `--gap-mask` file.
        public var mask: String
        /// In words.
        public var basis: String
    }

    public var schemaVersion: Int
    public var toolVersion: String
    public var catalog: String
    public var inputs: [Input]
    public var parameters: [String: String]
    public var networks: [NetworkStatistics]
    public var snapping: [Snapping]
    public var items: [ItemFigures]
    public var groups: [Group]
    public var populationNote: String?
    /// Nil without gap maps.
    public var gapStudy: GapStudyArea?
    /// Search units (item × mode) run for this result (by all its shards), and taken from the cache (`--cache`).
    public var searchUnits: Int
    public var searchUnitsReused: Int
    /// Gap maps taken from the cache (`--cache`).
    public var gapMapsReused: Int
    /// SHA-256 of the tool version, options and input contents (see `--skip-unchanged`).
    public var runFingerprint: String
    public var warnings: [String]

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    static func input(_ role: String, _ path: String, sha: String? = nil) -> Input {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.uint64Value
        return Input(role: role, path: path, bytes: size, sha256: sha ?? (try? sha256Hex(ofFileAt: path)))
    }

    /// The input files with their sizes and SHA-256.
    static func inputFiles(_ o: AnalysisOptions, loaded: LoadedNetworks) -> [Input] {
        var inputs = [input("network", loaded.path, sha: loaded.fromCache ? nil : loaded.inputSHA256)]
        if loaded.fromCache { inputs.append(Input(role: "network source", path: loaded.inputPath, bytes: nil, sha256: loaded.inputSHA256)) }
        inputs.append(input("origins", o.origins))
        for f in o.facilities where f != "osm" { inputs.append(input("facilities", f)) }
        if let a = o.areas { inputs.append(input("areas", a)) }
        if FileManager.default.fileExists(atPath: o.catalog) { inputs.append(input("catalog", o.catalog)) }
        if let scenario = o.scenario { inputs.append(input("scenario", scenario.file)) }
        return inputs
    }

    static func make(options o: AnalysisOptions, catalog: Catalog, loaded: LoadedNetworks, run: RunTables,
                     facilities: [FacilityPoint], facilitySnaps: [TravelMode: [Snap]],
                     searchUnits: Int, reused: Int, gapMapsReused: Int, fingerprint: String,
                     warnings: [String], study: GapStudy? = nil) throws -> Summary {
        let inputs = inputFiles(o, loaded: loaded)
        var params: [String: String] = [
            "catalog": catalog.id, "walk_kmh": "\(catalog.walkKmh)", "cycle_kmh": "\(catalog.cycleKmh)",
            "reach_minutes": o.reachMinutes.map { "\($0)" } ?? "per item (default \(catalog.reachMinutes))",
            "horizon_minutes": "\(catalog.horizonMinutes)", "max_snap_m": "\(o.maxSnapDistance)",
            "min_component_nodes": "\(o.minComponentNodes)", "facilities": o.facilities.joined(separator: ","),
            "items": run.items.map(\.id).joined(separator: ","),
        ]
        if let outCRS = o.outCRS { params["out_crs"] = outCRS }
        if let study {
            params["gap_cell_m"] = String(format: "%g", study.grid.size)
            params["gap_access_m"] = String(format: "%g", study.access)
            params["gap_mask"] = study.mask
            params["gap_study_area_km2"] = String(format: "%.2f", study.areaSquareKilometres)
            params["gap_study_area"] = study.basis
        }
        var snapping: [Snapping] = []
        for mode in TravelMode.allCases {
            let idx = run.origins.indices.filter { run.origins[$0].mode == mode }
            if !idx.isEmpty { snapping.append(stats("origins", mode, idx.map { run.snaps[$0] })) }
            if let s = facilitySnaps[mode] { snapping.append(stats("facilities", mode, s)) }
        }
        let overall = run.groups.last!
        var points = [Int](repeating: 0, count: run.items.count)
        for f in facilities { points[f.item] += 1 }
        let items = run.items.enumerated().map { i, item in
            ItemFigures(id: item.id, nameZh: item.nameZh, nameEn: item.nameEn, domain: item.domain,
                        kind: catalog.kind(of: item)?.rawValue ?? "", reachMinutes: item.reachMinutes,
                        facilityPoints: points[i], noData: points[i] == 0,
                        originShare: points[i] == 0 ? nil : overall.itemShare[i],
                        populationShare: points[i] == 0 ? nil : overall.itemPopulationShare[i])
        }
        let groups = run.groups.map {
            Group(level: $0.level.rawValue, name: $0.name, origins: $0.origins, population: $0.population,
                  originsWithoutPopulation: $0.originsWithoutPopulation, meanBasicScore: $0.meanBasicScore,
                  allBasicShare: $0.allBasicShare, allBasicPopulationShare: $0.allBasicPopulationShare,
                  missingCount: $0.missingCount, worstItems: $0.worstItems.map { run.items[$0].id })
        }
        let noPop = overall.originsWithoutPopulation
        return Summary(
            schemaVersion: schemaVersion, toolVersion: circleVersion, catalog: catalog.id, inputs: inputs,
            parameters: params, networks: [NetworkStatistics(loaded.networks.walk), NetworkStatistics(loaded.networks.cycle)],
            snapping: snapping, items: items, groups: groups,
            populationNote: noPop == 0 ? nil : noPop == overall.origins
                ? "no origin has a population: population figures are not given"
                : "\(noPop) of \(overall.origins) origins have no population and are left out of population figures",
            gapStudy: study.map {
                GapStudyArea(areaKm2: ($0.areaSquareKilometres * 100).rounded() / 100, cells: $0.cells.count, cellM: $0.grid.size,
                             accessM: $0.access, areas: $0.clippedByAreas, mask: $0.mask, basis: $0.basis)
            },
            searchUnits: searchUnits, searchUnitsReused: reused, gapMapsReused: gapMapsReused,
            runFingerprint: fingerprint, warnings: warnings)
    }

    static func stats(_ what: String, _ mode: TravelMode, _ s: [Snap]) -> Snapping {
        Snapping(points: what, mode: mode.rawValue, total: s.count, snapped: s.filter { $0.status == .snapped }.count,
                 tooFar: s.filter { $0.status == .tooFar }.count,
                 noEligibleEdge: s.filter { $0.status == .noEligibleEdge }.count)
    }
}
