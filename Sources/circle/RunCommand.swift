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
              circle run nightly.yaml --shard 2/3      # one of three array-job tasks
              circle run nightly.yaml --merge          # after all three: the outputs
            """)

    @Argument(help: "The job file (YAML).")
    var job: String

    @Option(name: .long, help: "Write the outputs here instead of the job's `out`.")
    var out: String?

    @Option(name: .long, help: "Run only shard K of N (e.g. 2/3) into the job's `parts` folder; `circle run JOB --merge` then writes the outputs.")
    var shard: String?

    @Flag(name: .long, help: "When another run is writing the same output folder, stop (exit 1) instead of waiting for it.")
    var noWait = false

    @Flag(name: .long, help: "Run the job's `site:` plan (circle site with the job's inputs) instead of the analysis.")
    var site = false

    @Flag(name: .long, help: "Merge the shards in the job's `parts` folder into its outputs.")
    var merge = false

    @Flag(name: .long, help: "Print no progress lines (warnings and errors still go to stderr).")
    var quiet = false

    @Flag(name: .long, help: "Report progress and warnings on stderr as one JSON object a line.")
    var logJson = false

    func validate() throws {
        if site && (shard != nil || merge) { throw ValidationError("--site plans with the job's inputs; it takes no --shard or --merge") }
        if shard != nil && merge { throw ValidationError("--shard and --merge are two steps: run the shards, then merge") }
        if let shard { do { _ = try ShardSpec(parsing: shard) } catch { throw ValidationError("\(error)") } }
    }

    func run() async throws {
        var job = try JobFile.load(path: job)
        if let out {
            job.options.out = out
            job.options.jobFile = nil   // errors about the output folder then name --out
        }
        job.options.wait = !noWait
        let log = StageLog(style: quiet ? .quiet : logJson ? .json : .plain)
        try job.createOutputParent()
        log.stage("job \(job.file)" + job.stores)
        if site {
            guard var plan = job.site else { throw ValidationError("--site: the job \(job.file) has no `site:` block") }
            if let out { plan.analysis.out = out }
            plan.analysis.wait = !noWait
            printSite(try await Siting.run(plan, log: log))
        } else if let shard {
            printShard(try await Analysis.shard(job.options, spec: try ShardSpec(parsing: shard), log: log))
        } else if merge {
            guard let parts = job.options.parts else { throw ValidationError("--merge: the job has no `parts` key") }
            printResult(try await Analysis.merge(parts: parts, out: job.options.out, history: job.options.history,
                                                 skipUnchanged: true, job: job.options, wait: !noWait, log: log))
        } else {
            printResult(try await Analysis.run(job.options, log: log))
        }
    }
}
