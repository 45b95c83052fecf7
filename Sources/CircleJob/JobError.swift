import CircleEngine

/// A problem with a job file: the file, the line when known, the key path and what is wrong.
/// An input error (exit code 1).
public struct JobError: UserInputError, CustomStringConvertible, Sendable, Equatable {
    /// The job file, as given.
    public var file: String
    /// 1-based line of the offending node, when the YAML parser reports one.
    public var line: Int?
    /// Key path such as `walk_kmh` or `facilities[1]`; nil for problems with the whole file.
    public var key: String?
    public var problem: String

    public init(file: String, line: Int? = nil, key: String? = nil, problem: String) {
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
    }

    /// `job.yaml:7: walk_kmh: must be a positive number, got -4`
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let key { s += ": \(key)" }
        return s + ": " + problem
    }
}
