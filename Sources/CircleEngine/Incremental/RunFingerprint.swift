import CircleGIS
import CircleOSM
import CircleSupport
import Foundation

/// What a run's outputs depend on, as one SHA-256: the tool version, every option but the output
/// folder, and the content of every input file. Stored in summary.json; with `--skip-unchanged`
/// a run whose fingerprint equals that of the outputs already in place stops at once with
/// ``NothingChanged`` and leaves them untouched.
enum RunFingerprint {
    /// The options that decide the outputs: all but where outputs, cache, parts and history go.
    static func deciding(_ options: AnalysisOptions) -> AnalysisOptions {
        var o = options
        o.out = ""
        o.cache = nil
        o.cacheKeepDays = nil
        o.parts = nil
        o.history = nil
        o.db = nil
        o.skipUnchanged = false
        o.wait = true
        o.jobFile = nil
        o.maxMemory = nil   // decides whether a run starts, not what it writes
        o.strict = nil
        return o
    }

    /// The fingerprint of a run. Its prefix is bumped whenever the same inputs and options give
    /// other outputs under the same tool version (run-v2: every edge kept, minutes rounded up;
    /// SPEC §3 and §8 revised 2026-12-04), so `--skip-unchanged` never keeps outputs of older rules.
    static func of(_ options: AnalysisOptions) throws -> String {
        let o = deciding(options)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var text = "run-v2|\(circleVersion)|" + String(decoding: try encoder.encode(o), as: UTF8.self)
        // A GIS layer (`file.gpkg:layer`) is known by its file; a Shapefile also by its .dbf, .prj, .cpg.
        var files = [options.network] + InputFiles.files(of: options.origins)
            + options.facilities.filter { $0 != "osm" }.flatMap(InputFiles.files(of:))
        if let areas = options.areas { files += InputFiles.files(of: areas) }
        if let mask = options.gapMask, mask != "osm", options.gaps { files.append(mask) }
        if FileManager.default.fileExists(atPath: options.catalog) { files.append(options.catalog) }
        for f in files {
            // A graph cache is known by its header (payload checksum and input), not hashed whole.
            if let id = GraphCache.identity(path: f) { text += "|\(f)=\(id)" } else { text += "|\(f)=\(try sha256Hex(ofFileAt: f))" }
        }
        return SHA256.hex(SHA256.hash(Array(text.utf8)))
    }

    /// The fingerprint recorded in the summary.json of the outputs at `folder`, if any.
    static func recorded(in folder: String) -> String? {
        let url = URL(fileURLWithPath: folder).appendingPathComponent("summary.json")
        guard let data = try? Data(contentsOf: url),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return json["runFingerprint"] as? String
    }
}

/// The outputs in place already answer this run: same inputs, same options, same tool.
public struct NothingChanged: Error, CustomStringConvertible, Sendable {
    public var folder: String
    public var description: String { "\(folder): nothing changed since the run that wrote it; outputs left as they are" }
}
