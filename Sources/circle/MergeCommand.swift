import ArgumentParser
import CircleEngine
import Foundation

struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the shards of a run (`--shard K/N --parts DIR`) into its outputs.",
        discussion: """
            Reads PARTS/shard-K-of-N/, checks that all N shards are there, come from the same run and \
            that the inputs have not changed since, and writes the run's outputs: byte for byte what one \
            process would have written (run.json apart, which records the shards' timings). Options come \
            from the shards; relative paths resolve against the folder they ran in.

            Examples:
              circle merge /shared/parts
              circle merge /shared/parts --out /shared/outputs/2026-11-27 --history /shared/history.sqlite
            """)

    @Argument(help: "The parts folder the shards wrote.")
    var parts: String

    @Option(name: .long, help: "Write the outputs here instead of the shards' --out.")
    var out: String?

    @Option(name: .long, help: "Record the run in this run history instead of the shards' --history.")
    var history: String?

    @Flag(name: .long, help: "When another run is writing the same output folder, stop (exit 1) instead of waiting for it.")
    var noWait = false

    @Flag(name: .long, help: "Exit with code 2, leaving the outputs, when they came from the same inputs and options.")
    var skipUnchanged = false

    @Flag(name: .long, help: "Print no progress lines (warnings and errors still go to stderr).")
    var quiet = false

    @Flag(name: .long, help: "Report progress and warnings on stderr as one JSON object a line.")
    var logJson = false

    func run() async throws {
        let log = StageLog(style: quiet ? .quiet : logJson ? .json : .plain)
        printResult(try await Analysis.merge(parts: parts, out: out, history: history,
                                             skipUnchanged: skipUnchanged ? true : nil, wait: !noWait, log: log))
    }
}
