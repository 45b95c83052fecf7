import Foundation
import Testing

/// A run killed with SIGKILL in the middle leaves the previous outputs exactly as they were, the
/// run history and the cache usable, and the next run sweeps away what the killed one left behind.
@Suite(.serialized) struct KilledRunTests {
    @Test func sigkillLeavesPreviousOutputsIntact() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let stores = ["--history", dir.appendingPathComponent("history.sqlite").path, "--cache", dir.appendingPathComponent("cache").path]
        #expect(try AnalyzeTests.analyze(stores, out: out).status == 0)
        let before = try snapshot(out)

        // A slow run (isochrones on fine cells), killed once it has started writing its staging folder.
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["analyze", "--network", CLI.helsinki,
                             "--origins", AnalyzeTests.geodata.appendingPathComponent("test-origins.csv").path,
                             "--facilities", AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path,
                             "--out", out.path, "--isochrones", "--gap-cell", "10", "--quiet"] + stores
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while staging(in: dir).isEmpty && process.isRunning && Date() < deadline { usleep(20_000) }
        usleep(300_000)
        #expect(process.isRunning, "the run finished before it could be killed; make it slower")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try snapshot(out) == before, "the previous outputs changed")
        #expect(!staging(in: dir).isEmpty, "expected the killed run's staging folder")

        // The history still holds the one finished run, readable; the killed run recorded nothing.
        let listed = try CLI.run(["history", "--db", dir.appendingPathComponent("history.sqlite").path])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: "\t")[2] } == ["ok"])

        // The next run cleans up, reuses the cache (no search) and publishes; history and diff work.
        #expect(try AnalyzeTests.analyze(stores, out: out).status == 0)
        #expect(staging(in: dir).isEmpty)
        // The same outputs, but for the report, which now opens with the change since the first run,
        // and summary.json's work counts: every search and gap map came from the cache.
        let varying: Set<String> = ["report.html", "summary.json"]
        #expect(try snapshot(out).filter { !varying.contains($0.key) } == before.filter { !varying.contains($0.key) })
        func figures(_ data: Data?) throws -> NSDictionary {
            var json = try JSONSerialization.jsonObject(with: data ?? Data()) as! [String: Any]
            #expect(json.removeValue(forKey: "searchUnits") != nil)
            for key in ["searchUnitsReused", "gapMapsReused"] { json[key] = nil }
            return json as NSDictionary
        }
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        #expect(summary["searchUnits"] as? Int == 0)
        #expect(try figures(snapshot(out)["summary.json"]) == figures(before["summary.json"]))
        #expect(try CLI.run(["diff", "--db", dir.appendingPathComponent("history.sqlite").path]).status == 0)
    }

    func staging(in dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasPrefix(".run.") && $0 != ".run.lock" }
    }

    /// Every file of the folder but run.json (the one whose timings differ between runs).
    func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: folder.path)
        while let name = e?.nextObject() as? String {
            guard name != "run.json" else { continue }
            var isDir: ObjCBool = false
            let path = folder.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }
}
