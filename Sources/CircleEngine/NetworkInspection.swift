import CircleGeo
import CircleInput
import CircleOSM
import Foundation

/// What `circle inspect` reports: per-mode network statistics and, given points, how they snap.
public struct NetworkInspection: Sendable, Codable {
    public var network: String
    public var fromCache: Bool
    public var inputSHA256: String
    public var modes: [NetworkStatistics]
    public var pointsFile: String?
    public var snapping: [SnapStatistics]
    public var timings: [String: Double]

    /// Loads the network (and points), and computes the report.
    public static func run(network: String, points: String?, maxSnapDistance: Double, options: NetworkOptions,
                           log: StageLog) async throws -> NetworkInspection {
        let loaded = try await NetworkLoader.load(path: network, options: options, log: log)
        var snapping: [SnapStatistics] = []
        var timings = loaded.timings
        if let points {
            let list = try PointReader.read(path: points)
            log.stage("snapping \(list.count) points")
            let (stats, seconds) = measure {
                [loaded.networks.walk, loaded.networks.cycle].map {
                    SnapStatistics(points: list, snapper: Snapper(network: $0, maxDistance: maxSnapDistance))
                }
            }
            snapping = stats
            timings["snap"] = seconds
        }
        return NetworkInspection(network: network, fromCache: loaded.fromCache, inputSHA256: loaded.inputSHA256,
                                 modes: [NetworkStatistics(loaded.networks.walk), NetworkStatistics(loaded.networks.cycle)],
                                 pointsFile: points, snapping: snapping, timings: timings)
    }

    /// Pretty-printed JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A plain-text table.
    public func table() -> String {
        var lines = ["network \(network)\(fromCache ? " (graph cache)" : "")  sha256 \(inputSHA256)", ""]
        lines.append(row(["mode", "nodes", "edges", "km", "components", "eligible", "eligible nodes", "one-way edges"]))
        for m in modes {
            lines.append(row([m.mode, "\(m.nodes)", "\(m.edges)", String(format: "%.2f", m.kilometres),
                              "\(m.components)", "\(m.eligibleComponents)", "\(m.eligibleNodes)", "\(m.oneWayEdges)"]))
        }
        if let pointsFile {
            lines += ["", "snapping \(pointsFile)"]
            lines.append(row(["mode", "points", "snapped", "too far", "no eligible", "at node", "median m", "p95 m", "max m"]))
            for s in snapping {
                lines.append(row([s.mode, "\(s.points)", "\(s.snapped)", "\(s.tooFar)", "\(s.noEligibleEdge)",
                                  "\(s.atNode)", String(format: "%.1f", s.medianAccess),
                                  String(format: "%.1f", s.p95Access), String(format: "%.1f", s.maxAccess)]))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func row(_ cells: [String]) -> String {
        cells.enumerated().map { i, c in i == 0 ? c.padding(toLength: 6, withPad: " ", startingAt: 0)
            : String(repeating: " ", count: max(1, 16 - c.count)) + c }.joined()
    }
}
