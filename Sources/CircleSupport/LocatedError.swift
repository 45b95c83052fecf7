/// A problem with an input file, naming the file, where in it ("line 12", "feature 3"; empty for
/// the whole file) and what is wrong. Point files call it `InputError`, area files `AreaError`.
public struct LocatedError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file (or the name given to in-memory data).
    public var path: String
    /// "line 12", "feature 3", or empty when the problem is with the whole file.
    public var location: String
    /// What is wrong, in one sentence.
    public var problem: String

    /// Creates an error; `location` is empty for whole-file problems.
    public init(path: String, location: String = "", problem: String) {
        self.path = path
        self.location = location
        self.problem = problem
    }

    /// "path, line 12: problem", or "path: problem".
    public var description: String { location.isEmpty ? "\(path): \(problem)" : "\(path), \(location): \(problem)" }
}
