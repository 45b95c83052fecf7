import CircleHistory
import Foundation

/// Writes runs into the run history (`--history FILE`, job key `history`).
enum HistoryRecorder {
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// A successful run with its coverage.
    static func success(_ path: String, started: Date, options: AnalysisOptions, summary: Summary, run: RunTables,
                        timings: [String: Double]) throws {
        let overall = run.groups.last!
        var missing: [(origin: String, item: String)] = []
        for (o, origin) in run.origins.enumerated() {
            for (i, item) in run.items.enumerated() where run.scores[o].covered[i] == false {
                missing.append((origin.id, item.id))
            }
        }
        let record = HistoryRun(
            startedAt: started, status: "ok", fingerprint: summary.runFingerprint, outputFolder: options.out,
            optionsJSON: json(options), inputsJSON: json(summary.inputs), timingsJSON: json(timings),
            items: run.items.enumerated().map { i, item in
                (item.id, run.catalog.kind(of: item) == .basic, overall.itemShare[i], overall.itemPopulationShare[i])
            },
            groups: run.groups.filter { $0.level != .overall }.map {
                ($0.level.rawValue, $0.name, $0.origins, $0.meanBasicScore, $0.allBasicShare, $0.missingCount)
            },
            origins: run.origins.map(\.id), missing: missing)
        try RunHistory(path: path).record(record)
    }

    /// A run that failed or found nothing changed: its status and message, no coverage.
    static func other(_ path: String, started: Date, options: AnalysisOptions, status: String, message: String) {
        _ = try? RunHistory(path: path).record(HistoryRun(startedAt: started, status: status, message: message,
                                                          outputFolder: options.out, optionsJSON: json(options)))
    }
}
