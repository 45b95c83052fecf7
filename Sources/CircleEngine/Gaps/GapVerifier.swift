import CircleGeo
import CircleInput
import Foundation

/// `circle verify OUTDIR`: checks that an output folder's gap maps are valid RFC 7946 polygons and
/// never contradict its origins (SPEC §7).
public enum GapVerifier {
    /// What the verification found.
    public struct Report: Sendable {
        /// Items checked, with their polygon counts.
        public var items: [(id: String, polygons: Int)] = []
        /// Every problem, one sentence each; empty when the folder passes.
        public var problems: [String] = []
        public var originsChecked = 0
    }

    /// Verifies `folder`: it must be a complete output folder with gap maps — every item of its
    /// summary.json has its map, every origin of origins.csv its point — and every map must agree
    /// with every origin.
    ///
    /// - Throws: ``VerifyError`` when `folder` is missing, a file, or not an output folder;
    ///   `AreaError` when the origins file cannot be read.
    public static func verify(folder: String) throws -> Report {
        let dir = URL(fileURLWithPath: folder)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) else {
            throw VerifyError(path: folder, problem: "no such folder")
        }
        guard isDir.boolValue else { throw VerifyError(path: folder, problem: "is a file, not an output folder of circle analyze") }
        let summaryPath = dir.appendingPathComponent("summary.json").path
        guard FileManager.default.fileExists(atPath: summaryPath) else {
            throw VerifyError(path: folder, problem: "is not an output folder of circle analyze (no summary.json)")
        }
        guard let summary = try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: summaryPath))) as? [String: Any],
              let itemList = summary["items"] as? [[String: Any]] else {
            throw VerifyError(path: summaryPath, problem: "cannot be read as a summary of circle analyze")
        }
        let summaryItems = itemList.compactMap { $0["id"] as? String }
        let gapDir = dir.appendingPathComponent("gaps")
        let originsPath = dir.appendingPathComponent("origins.geojson").path
        var report = Report()
        if !FileManager.default.fileExists(atPath: gapDir.path) && !FileManager.default.fileExists(atPath: originsPath) {
            report.problems.append("\(folder) was written without gap maps (--no-gaps): there are no gap maps to verify")
            return report
        }
        let origins = try readOrigins(originsPath)
        report.originsChecked = origins.count
        report.problems += missingOrigins(csv: dir.appendingPathComponent("origins.csv").path, geojson: originsPath, points: origins)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: gapDir.path)) ?? [])
            .filter { $0.hasSuffix(".geojson") }.sorted()
        let present = Set(files.map { String($0.dropLast(".geojson".count)) })
        for item in summaryItems where !present.contains(item) {
            report.problems.append("\(item): its gap map \(gapDir.path)/\(item).geojson is missing")
        }
        for item in present.subtracting(summaryItems).sorted() {
            report.problems.append("\(gapDir.path)/\(item).geojson: \(item) is not an item of this run (summary.json)")
        }
        for file in files {
            let item = String(file.dropLast(".geojson".count))
            let path = gapDir.appendingPathComponent(file).path
            let polygons: [AreaPolygon]
            do { polygons = try readPolygons(path) } catch {
                report.problems.append("\(error)")
                continue
            }
            report.items.append((item, polygons.count))
            for (p, polygon) in polygons.enumerated() {
                for (r, ring) in polygon.rings.enumerated() {
                    let area = GapGeometry.signedArea(ring)
                    if (r == 0 && area <= 0) || (r > 0 && area >= 0) {
                        report.problems.append("\(path): polygon \(p + 1) ring \(r + 1) is \(r == 0 ? "not counter-clockwise" : "not clockwise") (RFC 7946)")
                    }
                }
            }
            var inside = origins.map { _ in false }
            if !polygons.isEmpty {
                do {
                    let locator = AreaLocator(try AreaSet(features: [AreaFeature(index: 0, polygons: polygons)], path: path))
                    inside = origins.map { locator.locate(lon: $0.lon, lat: $0.lat) != nil }
                } catch {
                    report.problems.append("\(error)")
                    continue
                }
            }
            for (o, origin) in origins.enumerated() {
                if origin.covered.contains(item) && inside[o] {
                    report.problems.append("\(item): origin \(origin.id) covers it but lies inside its gap polygons")
                }
                if origin.missing.contains(item) && !inside[o] {
                    report.problems.append("\(item): origin \(origin.id) misses it but lies outside its gap polygons")
                }
            }
        }
        return report
    }

    /// Origins of origins.csv without a point in origins.geojson (by id), as problems.
    static func missingOrigins(csv: String, geojson: String, points: [OriginPoint]) -> [String] {
        guard let text = try? String(contentsOfFile: csv, encoding: .utf8), let rows = try? CSVParser.rows(text) else {
            return ["\(csv): missing or unreadable, so the origins cannot be checked for completeness"]
        }
        let ids = rows.dropFirst().map { $0.fields.first ?? "" }   // the header dropped
        let have = Set(points.map(\.id))
        let lacking = ids.filter { !have.contains($0) }
        guard !lacking.isEmpty else { return [] }
        return ["\(geojson): \(lacking.count) of the \(ids.count) origins of origins.csv have no point ("
                + lacking.prefix(5).joined(separator: ", ") + (lacking.count > 5 ? ", …)" : ")")]
    }

    struct OriginPoint {
        var id: String, lon: Double, lat: Double
        var covered: Set<String>, missing: Set<String>
    }

    /// Item ids of an origin property: one string joined with ";" (or, in older outputs, an array).
    static func itemSet(_ value: Any?) -> Set<String> {
        if let list = value as? [String] { return Set(list) }
        guard let text = value as? String else { return [] }
        return Set(text.split(separator: ";").map(String.init))
    }

    static func json(_ path: String) throws -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AreaError(path: path, problem: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              object["type"] as? String == "FeatureCollection" else {
            throw AreaError(path: path, problem: "not a GeoJSON FeatureCollection")
        }
        return object
    }

    static func readOrigins(_ path: String) throws -> [OriginPoint] {
        let features = try json(path)["features"] as? [[String: Any]] ?? []
        return try features.enumerated().map { i, f in
            guard let p = f["properties"] as? [String: Any], let g = f["geometry"] as? [String: Any],
                  let c = g["coordinates"] as? [Double], c.count >= 2 else {
                throw AreaError(path: path, location: "feature \(i + 1)", problem: "not an origin point with properties")
            }
            return OriginPoint(id: "\(p["id"] ?? i + 1)", lon: c[0], lat: c[1],
                               covered: itemSet(p["covered"]), missing: itemSet(p["missing"]))
        }
    }

    /// All polygons of a gap file; an empty MultiPolygon is no polygon.
    static func readPolygons(_ path: String) throws -> [AreaPolygon] {
        let features = try json(path)["features"] as? [[String: Any]] ?? []
        let nonEmpty = features.contains { f in
            ((f["geometry"] as? [String: Any])?["coordinates"] as? [Any])?.isEmpty == false
        }
        guard nonEmpty else { return [] }
        return try AreaSet.read(path: path).features.flatMap(\.polygons)
    }
}

/// An output folder that cannot be verified at all: missing, a file, or not ours.
public struct VerifyError: Error, CustomStringConvertible, UserInputError {
    public var path: String
    public var problem: String
    public var description: String { "\(path): \(problem)" }
}
