import CircleGraph
import CircleOSM
import Foundation

/// Paths to the checked-in fixtures and sample data.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let osmFolder = root.appendingPathComponent("Tests/Fixtures/osm")
    static func osm(_ name: String) -> String { osmFolder.appendingPathComponent(name + ".osm").path }
    static let helsinki = root.appendingPathComponent("geodata/helsinki/Helsinki.osm.pbf").path

    /// `expected.json`, written by the independent reference `expected.py`.
    nonisolated(unsafe) static let expected: [String: Any] = {
        let data = try! Data(contentsOf: osmFolder.appendingPathComponent("expected.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static func networks(_ path: String, minEligibleNodes: Int = 500) async throws -> Networks {
        let data = try OSMData.read(path: path)
        return await NetworkBuilder.build(data, options: NetworkOptions(minEligibleNodes: minEligibleNodes))
    }

    /// A scratch folder, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("circle-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
