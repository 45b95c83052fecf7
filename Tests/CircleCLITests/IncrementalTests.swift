import Foundation
import Testing

/// `--cache`: an unchanged rerun runs no search; a change to one item's facilities recomputes only
/// that item and gives what a clean run gives; a damaged entry is recomputed.
@Suite(.serialized) struct IncrementalTests {
    func summary(_ out: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
    }

    func csvs(_ out: URL) throws -> [Data] {
        try ["times.csv", "origins.csv", "subdistricts.csv", "gaps.geojson", "report.html"].map { try Data(contentsOf: out.appendingPathComponent($0)) }
    }

    @Test func rerunsSearchOnlyWhatChanged() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("cache").path
        let first = dir.appendingPathComponent("first"), second = dir.appendingPathComponent("second")
        #expect(try AnalyzeTests.analyze(["--cache", cache], out: first).status == 0)
        #expect(try summary(first)["searchUnits"] as? Int == 12)   // 6 items × walk and cycle
        // Unchanged: no search at all, same outputs.
        #expect(try AnalyzeTests.analyze(["--cache", cache], out: second).status == 0)
        #expect(try summary(second)["searchUnits"] as? Int == 0)
        #expect(try summary(second)["searchUnitsReused"] as? Int == 12)
        #expect(try summary(second)["gapMapsReused"] as? Int == 6)
        #expect(try csvs(second) == csvs(first))
        // The gap grid and its cells' snaps come from the cache too: no cell is snapped again.
        let timings = try JSONSerialization.jsonObject(with: Data(contentsOf: second.appendingPathComponent("run.json"))) as! [String: Any]
        #expect((timings["timings"] as! [String: Double])["snap cells"] == nil)
        #expect((try JSONSerialization.jsonObject(with: Data(contentsOf: first.appendingPathComponent("run.json"))) as! [String: Any])
                .description.contains("snap cells"))

        // One supermarket moves: only the supermarket's two units run again.
        let text = try String(contentsOf: AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let k = lines.firstIndex { $0.contains(",supermarket,") }!
        var f = lines[k].split(separator: ",").map(String.init)
        f[2] = String(format: "%.7f", Double(f[2])! + 0.004)
        lines[k] = f.joined(separator: ",")
        let changed = dir.appendingPathComponent("facilities.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: changed, atomically: true, encoding: .utf8)
        let third = dir.appendingPathComponent("third"), clean = dir.appendingPathComponent("clean")
        #expect(try AnalyzeTests.analyze(["--cache", cache], facilities: changed.path, out: third).status == 0)
        #expect(try summary(third)["searchUnits"] as? Int == 2)
        #expect(try summary(third)["gapMapsReused"] as? Int == 5)   // only the supermarket's map is redrawn
        #expect(try AnalyzeTests.analyze([], facilities: changed.path, out: clean).status == 0)
        #expect(try csvs(third) == csvs(clean))
        #expect(try csvs(third) != csvs(first))

        // A damaged entry is detected by its checksum and recomputed.
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".unit") }.sorted()
        let victim = URL(fileURLWithPath: cache).appendingPathComponent(entries[0])
        var bytes = try Data(contentsOf: victim)
        bytes[bytes.count - 3] ^= 0xFF
        try bytes.write(to: victim)
        let fourth = dir.appendingPathComponent("fourth")
        #expect(try AnalyzeTests.analyze(["--cache", cache], facilities: changed.path, out: fourth).status == 0)
        #expect(try summary(fourth)["searchUnits"] as? Int == 1)
        #expect(try csvs(fourth) == csvs(clean))
    }
}

/// `--skip-unchanged` (and `circle run`): exit code 2 and untouched outputs when nothing changed.
@Suite(.serialized) struct NothingChangedTests {
    @Test func unchangedRerunStopsWithCodeTwo() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        #expect(try AnalyzeTests.analyze(["--skip-unchanged"], out: out).status == 0)
        let stamp = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("times.csv").path)[.modificationDate] as! Date
        let again = try AnalyzeTests.analyze(["--skip-unchanged"], out: out)
        #expect(again.status == 2, "\(again.stderr)")
        #expect(again.stderr.contains("nothing changed"))
        let after = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("times.csv").path)[.modificationDate] as! Date
        #expect(after == stamp)
        // Another option is a change: the run goes ahead.
        #expect(try AnalyzeTests.analyze(["--skip-unchanged", "--walk-kmh", "4.5"], out: out).status == 0)
        // Without the flag a run always writes.
        #expect(try AnalyzeTests.analyze([], out: out).status == 0)
    }
}
