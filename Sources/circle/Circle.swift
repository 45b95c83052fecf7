import ArgumentParser
import CircleEngine
import Foundation

/// The `circle` command: argument parsing, exit codes and terminal output only; the work is
/// done by CircleEngine.
@main
struct Circle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "circle",
        abstract: "15-minute service circles over real street networks.",
        discussion: """
            Exit codes: 0 success; 1 bad input (the message names the file and the problem), an output folder \
            that may not be replaced or is held by another run (--no-wait), or a write the system refused; \
            2 nothing changed (--skip-unchanged, circle run); 3 `verify` found a problem (a contradiction, a \
            missing map or origin); 64 bad command line; 70 internal failure (a bug).
            """,
        version: circleVersion,
        subcommands: [AnalyzeCommand.self, SiteCommand.self, RunCommand.self, MergeCommand.self, VerifyCommand.self, BuildGraphCommand.self, InspectCommand.self, CatalogCommand.self, HistoryCommand.self, DiffCommand.self])

    static func main() async {
        // A file-size limit (ulimit -f) then fails the write with EFBIG, reported with its path,
        // instead of killing the process mid-write.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = ExitStatus.code(for: error)
            if code == ExitStatus.usage {
                exit(withError: error)
            }
            if code == ExitStatus.nothingChanged {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                Foundation.exit(code)
            }
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            Foundation.exit(code)
        }
    }
}

/// The documented exit codes.
enum ExitStatus {
    static let inputError: Int32 = 1
    static let nothingChanged: Int32 = 2
    static let verificationFailed: Int32 = 3
    static let usage: Int32 = 64
    static let internalError: Int32 = 70

    static func code(for error: Error) -> Int32 {
        if error is NothingChanged { return nothingChanged }
        if isInputError(error) { return inputError }
        if error is CleanExit || error is ValidationError || "\(type(of: error))".contains("ParserError")
            || "\(type(of: error))".contains("CommandError") {
            return usage
        }
        return internalError
    }
}

/// Options shared by commands that read a network.
struct NetworkOptionGroup: ParsableArguments {
    @Option(name: .long, help: "Components with at least this many nodes are eligible for snapping (besides the largest).")
    var minComponentNodes: Int = 500

    @Flag(name: .long, help: "Print no progress lines (warnings and errors still go to stderr).")
    var quiet = false

    @Flag(name: .long, help: "Report progress and warnings on stderr as one JSON object a line.")
    var logJson = false

    /// The stage log these options ask for.
    var log: StageLog { StageLog(style: quiet ? .quiet : logJson ? .json : .plain) }

    func validate() throws {
        guard minComponentNodes >= 1 else { throw ValidationError("--min-component-nodes must be at least 1") }
    }
}
