import ArgumentParser
import CircleEngine
import CircleJob
import Foundation

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a job file: the inputs, catalog, parameters and output of `circle analyze` in YAML.",
        discussion: """
            Every `circle analyze` option has its key (see docs/jobs.md); relative paths resolve against \
            the job file's folder. The job is validated before any work starts: an unknown key, a wrong \
            type or a bad value is an input error (exit code 1) naming the file, line and key. \
            `cache` keeps search results between runs; `history` records every run (`circle history`, \
            `circle diff`). A run whose inputs and options did not change leaves the outputs alone and \
            exits with code 2.

            Examples:
              circle run geodata/jobs/helsinki.yaml
              circle run nightly.yaml --out /tmp/try --quiet
            """)

    @Argument(help: "The job file (YAML).")
    var job: String

    @Option(name: .long, help: "Write the outputs here instead of the job's `out`.")
    var out: String?

    @Flag(name: .long, help: "Print no progress lines (warnings and errors still go to stderr).")
    var quiet = false

    @Flag(name: .long, help: "Report progress and warnings on stderr as one JSON object a line.")
    var logJson = false

    func run() async throws {
        var job = try JobFile.load(path: job)
        if let out { job.options.out = out }
        let log = StageLog(style: quiet ? .quiet : logJson ? .json : .plain)
        try job.createOutputParent()
        log.stage("job \(job.file)" + job.stores)
        let result = try await Analysis.run(job.options, log: log)
        let all = result.summary.groups.last!
        print(String(format: "%@/report.html: %d origins, mean basic score %.3f, %.1f%% cover all basic items, %d 缺项",
                     result.outputFolder, all.origins, all.meanBasicScore, all.allBasicShare * 100, all.missingCount))
    }
}
