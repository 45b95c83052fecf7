import Foundation

/// One shard of a run split over several processes or machines (`--shard K/N`): it searches and
/// draws the gap maps of every N-th item, counting from the K-th in catalog order, and writes them
/// as partial results for `circle merge`.
public struct ShardSpec: Sendable, Equatable, CustomStringConvertible {
    /// 1-based shard number.
    public var index: Int
    /// How many shards the run is split into.
    public var count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, count <= 10_000 else { throw OptionError("--shard K/N: N must be between 1 and 10000, got \(count)") }
        guard index >= 1, index <= count else {
            throw OptionError("--shard K/N: K counts from 1 to N (\(count)), got \(index)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`, e.g. `2/3`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let n = Int(parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw OptionError("--shard takes K/N (shard K of N, counting from 1), e.g. 2/3; got '\(text)'")
        }
        try self.init(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// The name of this shard's folder inside the parts folder.
    public var folderName: String { "shard-\(index)-of-\(count)" }

    /// The shard that owns item `i` (a 0-based index in the run's items): items are dealt round
    /// robin, so neighbouring items of the catalog, which tend to cost alike, land on different shards.
    public static func owner(ofItem i: Int, shards n: Int) -> Int { i % n + 1 }

    /// The indices among `itemCount` items this shard owns.
    public func items(of itemCount: Int) -> [Int] {
        (0..<itemCount).filter { Self.owner(ofItem: $0, shards: count) == index }
    }
}
