import ArgumentParser
import CircleEngine
import Foundation

struct BuildGraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-graph",
        abstract: "Build the walking and cycling networks of an OSM file and save them as a graph cache.",
        discussion: """
            The cache loads far faster than the OSM file parses, and may stand in for it wherever a \
            network is asked for. It records the input's SHA-256 and the network rules; a stale, \
            corrupt or foreign cache is refused.

            Example:
              circle build-graph --network geodata/helsinki/Helsinki.osm.pbf --out helsinki.scgraph
            """)

    @Option(name: .long, help: "The OSM file (.osm.pbf, .osm, .osm.gz, .osm.bz2).")
    var network: String

    @Option(name: .long, help: "Where to write the graph cache.")
    var out: String

    @Flag(name: .long, help: "Skip the contraction hierarchies: a much faster build (a large city contracts for minutes); searches then run by Dijkstra, with the same results.")
    var noHierarchy = false

    @OptionGroup var options: NetworkOptionGroup

    func run() async throws {
        let log = options.log
        let loaded = try await NetworkLoader.buildCache(
            network: network, out: out, options: .init(minEligibleNodes: options.minComponentNodes),
            hierarchy: !noHierarchy, log: log)
        let w = loaded.networks.walk, c = loaded.networks.cycle
        print("wrote \(out): walk \(w.nodes.count) nodes / \(w.edges.count) edges, "
              + "cycle \(c.nodes.count) nodes / \(c.edges.count) edges")
    }
}
