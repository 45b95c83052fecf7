import CircleHistory
import CircleSupport
import Foundation

/// Writes runs into the run history (`--history FILE`, job key `history`).
enum HistoryRecorder {
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// A run about to publish its outputs, with its coverage, as `publishing`: recorded before the
    /// outputs are put in place, so that a run killed in between is found (``recover(_:outputPath:)``)
    /// and resolved by whether the outputs in place carry its token. Returns the row id.
    static func begin(_ path: String, started: Date, options: AnalysisOptions, summary: Summary, run: RunTables,
                      timings: [String: Double], token: String, outputPath: String) throws -> Int64 {
        let overall = run.groups.last!
        var missing: [(origin: String, item: String)] = []
        for (o, origin) in run.origins.enumerated() {
            for (i, item) in run.items.enumerated() where run.scores[o].covered[i] == false {
                missing.append((origin.id, item.id))
            }
        }
        var record = HistoryRun(
            startedAt: started, status: "publishing", fingerprint: summary.runFingerprint, outputFolder: options.out,
            optionsJSON: json(options.forRecords), inputsJSON: json(summary.inputs), timingsJSON: json(timings),
            items: run.items.enumerated().map { i, item in
                (item.id, run.catalog.kind(of: item) == .basic, overall.itemShare[i], overall.itemPopulationShare[i])
            },
            groups: run.groups.filter { $0.level != .overall }.map {
                ($0.level.rawValue, $0.name, $0.origins, $0.meanBasicScore, $0.allBasicShare, $0.missingCount)
            },
            origins: run.origins.map(\.id), missing: missing)
        record.token = token
        record.outputPath = outputPath
        return try RunHistory(path: path).record(record)
    }

    /// The outputs were published: the run is `ok`.
    static func published(_ path: String, id: Int64) throws {
        try RunHistory(path: path).setStatus(id, "ok")
    }

    /// Publishing failed: the row goes (the run is then recorded as failed like any other).
    static func abandon(_ path: String, id: Int64) {
        try? RunHistory(path: path).delete(id)
    }

    /// Resolves runs of the output folder at `outputPath` left `publishing` by a killed process;
    /// call it only while holding the folder's lock. Returns how many were resolved.
    @discardableResult
    static func recover(_ path: String, outputPath: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        return try RunHistory(path: path).resolvePublishing(outputPath: outputPath,
                                                            publishedToken: RunRecord.token(in: outputPath))
    }

    /// A run that failed or found nothing changed: its status and message, no coverage.
    static func other(_ path: String, started: Date, options: AnalysisOptions, status: String, message: String) {
        _ = try? RunHistory(path: path).record(HistoryRun(startedAt: started, status: status, message: message,
                                                          outputFolder: options.out, optionsJSON: json(options.forRecords)))
    }
}

/// Upkeep of a run history outside a run (`circle history`).
public enum HistoryUpkeep {
    /// Resolves every run left `publishing` whose output folder no run is writing now (its lock is
    /// free): `ok` when the outputs in place carry its token, else `failed`. Returns how many.
    @discardableResult
    public static func resolveIdle(_ path: String) throws -> Int {
        let history = try RunHistory(path: path)
        var count = 0
        for folder in Set(try history.publishing().compactMap(\.outputPath)).sorted()
        where !FolderLock.isHeld(folder: URL(fileURLWithPath: folder)) {
            count += try history.resolvePublishing(outputPath: folder, publishedToken: RunRecord.token(in: folder))
        }
        return count
    }
}
