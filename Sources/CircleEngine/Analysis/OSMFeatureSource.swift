import CircleOSM
import Foundation

/// The OSM file's tagged features (not its streets) that a run needs — facilities (`--facilities
/// osm`), residential land (`--gap-mask osm`), water and green areas (the report's basemap) — read
/// once, on first use, with every key any of them asks for.
final class OSMFeatureSource: @unchecked Sendable {
    /// The OSM file the network came from (for a graph cache, the file it was built from).
    let path: String
    let keys: [String]
    private var data: Result<OSMData, Error>?
    private let lock = NSLock()

    init(path: String, keys: [String]) {
        self.path = path
        self.keys = Array(Set(keys)).sorted()
    }

    /// Whether the file is still there (a graph cache may have outlived it).
    var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// The features carrying any of `keys`; the file is read the first time only (or again
    /// after ``release()``). Safe from any thread: a second caller waits for the first's read.
    func features() throws -> OSMData {
        lock.lock()
        defer { lock.unlock() }
        if data == nil { data = Result { try OSMData.read(path: path, featureKeys: keys) } }
        return try data!.get()
    }

    /// Lets the features read go (the last stage that wants them is done).
    func release() {
        lock.lock()
        defer { lock.unlock() }
        data = nil
    }
}
