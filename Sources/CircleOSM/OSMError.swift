/// Why an OSM network could not be read or built. Every case names the file.
public struct OSMError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file concerned.
    public var path: String
    /// What went wrong, in one sentence.
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
