import Foundation
import Testing

/// `--shard K/N` and `circle merge`: three shards merged give, byte for byte, the outputs of one
/// process (run.json apart); incomplete, mixed or outdated shards are refused.
@Suite(.serialized) struct ShardTests {
    /// A folder holding the sample inputs under short relative names, as a nightly job's would.
    func workspace() throws -> URL {
        let dir = try CLI.temporaryFolder()
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("network.osm.pbf").path, withDestinationPath: CLI.helsinki)
        for name in ["test-origins.csv", "test-facilities.csv"] {
            try fm.copyItem(at: AnalyzeTests.geodata.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        return dir
    }

    func arguments(out: String, facilities: String = "test-facilities.csv") -> [String] {
        ["analyze", "--network", "network.osm.pbf", "--origins", "test-origins.csv", "--facilities", facilities,
         "--items", AnalyzeTests.items, "--out", out, "--quiet"]
    }

    /// Every file under `root`, relative paths sorted.
    func files(_ root: URL) -> [String] {
        let e = FileManager.default.enumerator(atPath: root.path)!
        return (e.allObjects as! [String]).filter {
            var dir: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path, isDirectory: &dir) && !dir.boolValue
        }.sorted()
    }

    func json(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    @Test func threeShardsMergeIntoTheSingleProcessOutputs() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let single = try CLI.run(arguments(out: "single"), in: dir)
        #expect(single.status == 0, "\(single.stderr)")

        for k in 1...3 {
            let r = try CLI.run(arguments(out: "merged") + ["--shard", "\(k)/3", "--parts", "parts"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("shard \(k)/3, 2 items, 4 searches"), "\(r.stdout)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("merged").path))   // shards write no outputs
        let owned = try (1...3).flatMap { k in
            try json(dir.appendingPathComponent("parts/shard-\(k)-of-3/shard.json"))["items"] as! [String]
        }
        #expect(owned.sorted() == AnalyzeTests.items.split(separator: ",").map(String.init).sorted())

        // Merged from elsewhere: the shards' relative paths resolve against the folder they ran in.
        let merge = try CLI.run(["merge", dir.appendingPathComponent("parts").path, "--quiet"], in: CLI.root)
        #expect(merge.status == 0, "\(merge.stderr)")
        let a = dir.appendingPathComponent("single"), b = dir.appendingPathComponent("merged")
        let names = files(a).filter { $0 != "run.json" }
        #expect(names.contains("report.html") && names.contains("summary.json") && names.contains { $0.hasPrefix("gaps/") })
        #expect(files(b).filter { $0 != "run.json" } == names)
        for name in names {
            let same = try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name))
            #expect(same, "\(name) differs between the single-process and the merged run")
        }
        #expect(try json(b.appendingPathComponent("summary.json"))["searchUnits"] as? Int == 12)
        let record = try json(b.appendingPathComponent("run.json"))
        #expect(record["kind"] as? String == "merge")
        #expect((record["shards"] as? [[String: Any]])?.map { $0["shard"] as? String } == ["1/3", "2/3", "3/3"])
        #expect(try json(a.appendingPathComponent("run.json"))["kind"] as? String == "single")
    }

    @Test func incompleteStaleOrChangedShardsAreRefused() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parts = dir.appendingPathComponent("parts").path
        for k in [1, 3] {
            #expect(try CLI.run(arguments(out: "out") + ["--shard", "\(k)/3", "--parts", "parts"], in: dir).status == 0)
        }
        let missing = try CLI.run(["merge", parts, "--quiet"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("shard 2/3 is missing"), "\(missing.stderr)")

        // Shard 2 runs on other facilities: the shards come from different runs.
        let other = dir.appendingPathComponent("other-facilities.csv")
        let text = try String(contentsOf: dir.appendingPathComponent("test-facilities.csv"), encoding: .utf8)
        try (text.split(separator: "\n").dropLast().joined(separator: "\n") + "\n").write(to: other, atomically: true, encoding: .utf8)
        #expect(try CLI.run(arguments(out: "out", facilities: "other-facilities.csv") + ["--shard", "2/3", "--parts", "parts"],
                            in: dir).status == 0)
        let mixed = try CLI.run(["merge", parts, "--quiet"])
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("different runs"), "\(mixed.stderr)")

        // All three agree, then an input changes before the merge.
        #expect(try CLI.run(arguments(out: "out") + ["--shard", "2/3", "--parts", "parts"], in: dir).status == 0)
        try (text + "x9,kindergarten,24.94,60.17\n").write(to: dir.appendingPathComponent("test-facilities.csv"),
                                                           atomically: true, encoding: .utf8)
        let changed = try CLI.run(["merge", parts, "--quiet"])
        #expect(changed.status == 1)
        #expect(changed.stderr.contains("inputs changed") && changed.stderr.contains("test-facilities.csv"), "\(changed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))

        let empty = try CLI.run(["merge", dir.path, "--quiet"])
        #expect(empty.status == 1 && empty.stderr.contains("no shard results"), "\(empty.stderr)")
        #expect(try CLI.run(arguments(out: "out") + ["--shard", "4/3", "--parts", "parts"], in: dir).status == 64)
        #expect(try CLI.run(arguments(out: "out") + ["--shard", "1/3"], in: dir).status == 64)
    }

    @Test func jobFileShardsAndMerge() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = dir.appendingPathComponent("nightly.yaml")
        let text = """
            network: network.osm.pbf
            origins: test-origins.csv
            facilities: [test-facilities.csv]
            items: [\(AnalyzeTests.items)]
            out: out
            parts: parts
            """
        try text.write(to: job, atomically: true, encoding: .utf8)
        for k in 1...3 { #expect(try CLI.run(["run", job.path, "--shard", "\(k)/3", "--quiet"]).status == 0) }
        let merged = try CLI.run(["run", job.path, "--merge", "--quiet"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/report.html").path))
        // Merged again: the outputs already come from these inputs.
        #expect(try CLI.run(["run", job.path, "--merge", "--quiet"]).status == 2)
        // The job changed after the shards ran: their results are not this job's.
        try (text + "\nreach: 10\n").write(to: job, atomically: true, encoding: .utf8)
        let stale = try CLI.run(["run", job.path, "--merge", "--quiet"])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("another version of this job"), "\(stale.stderr)")
        #expect(try CLI.run(["run", job.path, "--shard", "1/3", "--merge"]).status == 64)
    }
}
