import Foundation
import Testing

/// Runs the built `circle` binary as a user would.
enum CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let helsinki = root.appendingPathComponent("geodata/helsinki/Helsinki.osm.pbf").path

    /// The `circle` executable beside the test bundle.
    static var binary: URL {
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("circle"),
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("circle"),
                          root.appendingPathComponent(".build/debug/circle")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        try runTool(binary.path, arguments)
    }

    static func run(_ arguments: [String], in directory: URL) throws -> Result {
        try runTool(binary.path, arguments, in: directory)
    }

    static func runTool(_ tool: String, _ arguments: [String], in directory: URL? = nil,
                        environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Never let a hung run hang the suite: stop it after five minutes.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 300, execute: watchdog)
        defer { watchdog.cancel() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("circle-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

@Suite(.serialized) struct CLITests {
    @Test func inspectHelsinkiReportsBothModes() throws {
        let r = try CLI.run(["inspect", "--network", CLI.helsinki, "--json", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let modes = json["modes"] as! [[String: Any]]
        #expect(modes.map { $0["mode"] as! String } == ["walk", "cycle"])
        // Figures quoted in geodata/README.md.
        #expect(modes[0]["nodes"] as? Int == 3318 && modes[0]["edges"] as? Int == 4576)
        #expect(modes[1]["nodes"] as? Int == 1216 && modes[1]["edges"] as? Int == 1349)
        #expect(json["inputSHA256"] as? String == "b73e9c2c82054d654209b0127f1c3287d5900d6780a6083bf3a45ead8ba3e5ee")
    }

    @Test func buildGraphThenInspectTheCacheGivesTheSameFigures() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("h.scgraph").path
        let b = try CLI.run(["build-graph", "--network", CLI.helsinki, "--out", cache, "--quiet"])
        #expect(b.status == 0, "\(b.stderr)")
        let fromOSM = try CLI.run(["inspect", "--network", CLI.helsinki, "--json", "--quiet"])
        let fromCache = try CLI.run(["inspect", "--network", cache, "--json", "--quiet"])
        func modes(_ s: String) throws -> String {
            let j = try JSONSerialization.jsonObject(with: Data(s.utf8)) as! [String: Any]
            let modes = try JSONSerialization.data(withJSONObject: j["modes"]!, options: [.sortedKeys])
            return String(decoding: modes, as: UTF8.self) + " \(j["inputSHA256"]!)"
        }
        #expect(try modes(fromOSM.stdout) == modes(fromCache.stdout))
    }

    @Test func aCacheWithoutHierarchiesGivesTheSameTimes() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var times: [Data] = [], catchments: [Data] = []
        for (name, extra) in [("ch", [String]()), ("plain", ["--no-hierarchy"])] {
            let cache = dir.appendingPathComponent("\(name).scgraph").path
            let b = try CLI.run(["build-graph", "--network", CLI.helsinki, "--out", cache, "--quiet"] + extra)
            #expect(b.status == 0, "\(b.stderr)")
            let out = dir.appendingPathComponent(name)
            let r = try CLI.run(["analyze", "--network", cache,
                                 "--origins", AnalyzeTests.geodata.appendingPathComponent("test-origins.csv").path,
                                 "--facilities", AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path,
                                 "--no-gaps", "--out", out.path, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
            times.append(try Data(contentsOf: out.appendingPathComponent("times.csv")))
            // Catchments: shared sweeps over the hierarchy, single searches without it.
            catchments.append(try Data(contentsOf: out.appendingPathComponent("facilities.csv")))
        }
        let sizes = try ["ch", "plain"].map {
            try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("\($0).scgraph").path)[.size] as! Int
        }
        #expect(sizes[1] < sizes[0], "--no-hierarchy should leave the hierarchies out of the cache")
        #expect(times[0] == times[1])
        #expect(catchments[0] == catchments[1])
    }

    @Test func inspectSnapsPoints() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let points = dir.appendingPathComponent("p.csv").path
        // A BOM, a Chinese id header, one point in the city and one in the sea 5 km away.
        try "\u{FEFF}编号,lon,lat\nA,24.9440,60.1700\nB,25.0400,60.1200\n".write(toFile: points, atomically: true, encoding: .utf8)
        let r = try CLI.run(["inspect", "--network", CLI.helsinki, "--points", points, "--json", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let snapping = j["snapping"] as! [[String: Any]]
        #expect(snapping.count == 2)
        for s in snapping {
            #expect(s["snapped"] as? Int == 1 && s["tooFar"] as? Int == 1)
        }
    }

    @Test(arguments: [
        ("missing", "no such file"),
        ("text", "not an OSM file"),
        ("truncated", "corrupt or unreadable OSM data"),
        ("nowalk", "contains no walkable way"),
    ])
    func badNetworkInput(kind: String, message: String) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("in.osm.pbf").path
        switch kind {
        case "text": try "hello".write(toFile: path, atomically: true, encoding: .utf8)
        case "truncated":
            try Data(contentsOf: URL(fileURLWithPath: CLI.helsinki)).prefix(300_000).write(to: URL(fileURLWithPath: path))
        case "nowalk":
            let osm = """
                <?xml version="1.0" encoding="UTF-8"?>
                <osm version="0.6" generator="test">
                  <node id="1" version="1" lat="31.2" lon="121.5"/>
                  <node id="2" version="1" lat="31.21" lon="121.5"/>
                  <way id="10" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="motorway"/></way>
                </osm>
                """
            try osm.write(toFile: path, atomically: true, encoding: .utf8)
        default: break
        }
        let r = try CLI.run(["inspect", "--network", path, "--quiet"])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.contains(path) && r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func usageErrorsExit64() throws {
        let r = try CLI.run(["inspect", "--network", CLI.helsinki, "--max-snap", "-3"])
        #expect(r.status == 64)
    }
}
