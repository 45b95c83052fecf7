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
        func layers() throws -> Int { try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".layer") }.count }
        let drawnLayers = try layers()
        // Unchanged: no search at all, same outputs.
        #expect(try AnalyzeTests.analyze(["--cache", cache], out: second).status == 0)
        #expect(try summary(second)["searchUnits"] as? Int == 0)
        #expect(try summary(second)["searchUnitsReused"] as? Int == 12)
        #expect(try summary(second)["gapMapsReused"] as? Int == 6)
        #expect(try csvs(second) == csvs(first))
        // The report's drawn road network and gap layers are kept too (one network, a layer per item
        // with gaps), read back, none drawn again; the report from them is byte-identical (csvs).
        #expect(drawnLayers >= 2)
        #expect(try layers() == drawnLayers)
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

        // Damaged entries are detected by their checksum and recomputed: damage every unit entry
        // (the 12 in use and the moved supermarket's 2 stale ones).
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".unit") }
        #expect(entries.count == 14)
        for name in entries {
            let victim = URL(fileURLWithPath: cache).appendingPathComponent(name)
            var bytes = try Data(contentsOf: victim)
            bytes[bytes.count - 3] ^= 0xFF
            try bytes.write(to: victim)
        }
        let fourth = dir.appendingPathComponent("fourth")
        #expect(try AnalyzeTests.analyze(["--cache", cache], facilities: changed.path, out: fourth).status == 0)
        #expect(try summary(fourth)["searchUnits"] as? Int == 12)
        #expect(try csvs(fourth) == csvs(clean))

        // Gap maps gone: they are drawn again from the units' stored cells, without a search…
        let fm = FileManager.default
        func remove(_ suffix: String) throws {
            for name in try fm.contentsOfDirectory(atPath: cache) where name.hasSuffix(suffix) {
                try fm.removeItem(atPath: URL(fileURLWithPath: cache).appendingPathComponent(name).path)
            }
        }
        try remove(".gap")
        let fifth = dir.appendingPathComponent("fifth")
        #expect(try AnalyzeTests.analyze(["--cache", cache], facilities: changed.path, out: fifth).status == 0)
        #expect(try summary(fifth)["searchUnits"] as? Int == 0)
        #expect(try summary(fifth)["gapMapsReused"] as? Int == 0)
        #expect(try csvs(fifth) == csvs(clean))
        // …and when the cells are gone too, the units are searched again.
        try remove(".gap")
        try remove(".cells")
        let sixth = dir.appendingPathComponent("sixth")
        #expect(try AnalyzeTests.analyze(["--cache", cache], facilities: changed.path, out: sixth).status == 0)
        #expect(try summary(sixth)["searchUnits"] as? Int == 12)
        #expect(try csvs(sixth) == csvs(clean))
    }
}

/// Cache entries no run used for `--cache-keep-days` are removed after a successful run; those
/// a run reads are marked used, however old.
@Suite(.serialized) struct CacheEvictionTests {
    func age(_ path: String, days: Double) throws {
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-days * 86_400)], ofItemAtPath: path)
    }

    @Test func unusedEntriesGoUsedOnesStay() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("cache")
        #expect(try AnalyzeTests.analyze(["--cache", cache.path], out: dir.appendingPathComponent("a")).status == 0)
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".unit") }
        #expect(entries.count == 12)
        // Every real entry looks 30 days old; a stale entry of an earlier facility list is 30 days old too,
        // another only 3 days.
        for e in entries { try age(cache.appendingPathComponent(e).path, days: 30) }
        let stale = cache.appendingPathComponent(String(repeating: "0", count: 64) + ".unit").path
        let recent = cache.appendingPathComponent(String(repeating: "1", count: 64) + ".gap").path
        for path in [stale, recent] { try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path)) }
        try age(stale, days: 30)
        try age(recent, days: 3)
        let r = try CLI.run(["analyze", "--network", CLI.helsinki,
                             "--origins", AnalyzeTests.geodata.appendingPathComponent("test-origins.csv").path,
                             "--facilities", AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path,
                             "--items", AnalyzeTests.items, "--out", dir.appendingPathComponent("b").path,
                             "--cache", cache.path, "--cache-keep-days", "7"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("cache: removed 1 entries"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: recent))
        for e in entries { #expect(FileManager.default.fileExists(atPath: cache.appendingPathComponent(e).path)) }
        #expect(try AnalyzeTests.analyze(["--cache", cache.path, "--cache-keep-days", "0"], out: dir.appendingPathComponent("c"))
                .status == 1)
    }
}

/// Several runs share a cache at once (the shards of a run do); eviction waits for an idle folder.
@Suite(.serialized) struct SharedCacheTests {
    @Test func twoRunsAtOnceShareTheCache() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("cache").path
        let g = AnalyzeTests.geodata
        let processes = ["a", "b"].map { name -> Process in
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["analyze", "--network", CLI.helsinki, "--origins", g.appendingPathComponent("test-origins.csv").path,
                           "--facilities", g.appendingPathComponent("test-facilities.csv").path, "--items", AnalyzeTests.items,
                           "--out", dir.appendingPathComponent(name).path, "--cache", cache, "--quiet"]
            p.standardError = FileHandle.nullDevice
            p.standardOutput = FileHandle.nullDevice
            return p
        }
        let started = Date()
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0])
        #expect(Date().timeIntervalSince(started) < 240)
        for file in ["times.csv", "origins.csv", "report.html", "gaps.geojson"] {
            #expect(try Data(contentsOf: dir.appendingPathComponent("a/\(file)")) == Data(contentsOf: dir.appendingPathComponent("b/\(file)")),
                    "\(file)")
        }
        // summary.json too, but for its work counts: either run may have taken the other's results.
        func figures(_ name: String) throws -> NSDictionary {
            var json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("\(name)/summary.json"))) as! [String: Any]
            for key in ["searchUnits", "searchUnitsReused", "gapMapsReused"] { json[key] = nil }
            return json as NSDictionary
        }
        #expect(try figures("a") == figures("b"))
        // While another run holds the folder, old entries stay.
        let stale = URL(fileURLWithPath: cache).appendingPathComponent(String(repeating: "0", count: 64) + ".unit").path
        try Data([1]).write(to: URL(fileURLWithPath: stale))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-30 * 86_400)], ofItemAtPath: stale)
        let fd = open(cache + "/.lock", O_RDWR)
        #expect(fd >= 0 && flock(fd, LOCK_SH) == 0)
        let busy = try CLI.run(["analyze", "--network", CLI.helsinki, "--origins", g.appendingPathComponent("test-origins.csv").path,
                                "--facilities", g.appendingPathComponent("test-facilities.csv").path, "--items", AnalyzeTests.items,
                                "--out", dir.appendingPathComponent("c").path, "--cache", cache, "--cache-keep-days", "7"])
        close(fd)
        #expect(busy.status == 0, "\(busy.stderr)")
        #expect(busy.stderr.contains("another run is using"), "\(busy.stderr)")
        #expect(FileManager.default.fileExists(atPath: stale))
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
