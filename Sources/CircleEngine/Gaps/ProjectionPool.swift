import CircleGeo
import Foundation

/// Projections from longitude/latitude to one metric CRS, reused by the gap maps drawn in
/// parallel: making one (a PROJ context and transformation) cost about 3 % of the gap maps'
/// time when every item made its own. A `Projection` is not thread-safe, so each is lent to one
/// item at a time.
final class ProjectionPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [Projection] = []
    private let target: String

    init(to target: String) { self.target = target }

    /// A projection no other item is using: a returned one, else a new one.
    func take() throws -> Projection {
        if let reused = lock.withLock({ free.popLast() }) { return reused }
        return try Projection(from: "EPSG:4326", to: target)
    }

    /// Hands a projection back for the next item.
    func give(_ projection: Projection) {
        lock.withLock { free.append(projection) }
    }
}
