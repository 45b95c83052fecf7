import ArgumentParser
import CircleEngine
import Foundation

struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print nodes, edges, kilometres and components per mode, and snapping statistics for points.",
        discussion: """
            Examples:
              circle inspect --network geodata/helsinki/Helsinki.osm.pbf
              circle inspect --network helsinki.scgraph --points origins.csv --json
            """)

    @Option(name: .long, help: "An OSM file or a graph cache.")
    var network: String

    @Option(name: .long, help: "A CSV or GeoJSON file of points to snap (WGS84 lon/lat).")
    var points: String?

    @Option(name: .long, help: "Maximum snapping distance in metres.")
    var maxSnap: Double = 500

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var options: NetworkOptionGroup

    func validate() throws {
        guard maxSnap > 0, maxSnap.isFinite else { throw ValidationError("--max-snap must be a positive number of metres") }
    }

    func run() async throws {
        let log = options.log
        let report = try await NetworkInspection.run(
            network: network, points: points, maxSnapDistance: maxSnap,
            options: .init(minEligibleNodes: options.minComponentNodes), log: log)
        print(json ? try report.json() : report.table())
    }
}
