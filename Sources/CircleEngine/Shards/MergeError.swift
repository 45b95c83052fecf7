/// Why shards cannot be merged (an input error, exit code 1): the message names the parts
/// folder, the shard and what to do.
public enum MergeError: UserInputError, CustomStringConvertible, Sendable {
    case noParts(folder: String, reason: String)
    case badManifest(path: String, reason: String)
    case missingShard(folder: String, shard: String, others: String)
    case mixedRuns(folder: String, detail: String)
    case inputsChanged(folder: String, detail: String)
    case otherJob(folder: String)
    case missingResult(item: String, mode: String, shard: Int)
    case missingGapMap(item: String, shard: Int)
    case needsParts

    public var description: String {
        switch self {
        case let .noParts(folder, reason):
            return "\(folder): \(reason); shards write their results there with `circle analyze … --shard K/N --parts \(folder)`"
                + " (or `circle run JOB --shard K/N` with the job key parts)"
        case let .badManifest(path, reason):
            return "\(path): not a shard manifest of this tool: \(reason); remove the folder and rerun that shard"
        case let .missingShard(folder, shard, others):
            return "\(folder): shard \(shard) is missing (found \(others)); run it before merging"
        case let .mixedRuns(folder, detail):
            return "\(folder): the shards come from different runs: \(detail); rerun the stale shards"
        case let .inputsChanged(folder, detail):
            return "\(folder): the inputs changed since the shards ran (\(detail)); rerun the shards"
        case let .otherJob(folder):
            return "\(folder): the shards ran another version of this job (its inputs, options or paths differ from the "
                + "job file's now); run the shards again"
        case let .missingResult(item, mode, shard):
            return "shard \(shard) holds no search result for \(item) on the \(mode) network although its manifest matches; "
                + "its folder was altered: rerun that shard"
        case let .missingGapMap(item, shard):
            return "shard \(shard) holds no gap map for \(item) although its manifest matches; its folder was altered: rerun that shard"
        case .needsParts:
            return "--shard needs a parts folder for the partial results: --parts DIR (job key parts)"
        }
    }
}
