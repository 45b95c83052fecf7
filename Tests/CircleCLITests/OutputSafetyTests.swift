import Foundation
import Testing

/// `--out` never replaces what is not ours (issue 10 §1): every refusal exits 1 naming the path and
/// why, and leaves every file where it was.
@Suite(.serialized) struct OutputSafetyTests {
    /// A folder with the test inputs copied in and a sentinel file, so that a wrong replacement shows.
    func workspace() throws -> URL {
        let dir = try CLI.temporaryFolder()
        for f in ["test-origins.csv", "test-facilities.csv"] {
            try FileManager.default.copyItem(at: AnalyzeTests.geodata.appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
        try Data("keep me\n".utf8).write(to: dir.appendingPathComponent("sentinel.txt"))
        return dir
    }

    func analyze(_ out: String, in dir: URL, _ extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["analyze", "--network", CLI.helsinki, "--origins", "test-origins.csv", "--facilities", "test-facilities.csv",
                     "--items", "kindergarten,bus_stop", "--no-gaps", "--out", out, "--quiet"] + extra, in: dir)
    }

    func intact(_ dir: URL) -> Bool {
        (try? String(contentsOf: dir.appendingPathComponent("sentinel.txt"), encoding: .utf8)) == "keep me\n"
            && FileManager.default.fileExists(atPath: dir.appendingPathComponent("test-origins.csv").path)
    }

    @Test func dangerousOutFoldersAreRefused() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sub = dir.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let cases: [(out: String, in: URL, message: String)] = [
            ("", dir, "--out is empty"),
            (".", dir, "--out is the current folder or above it"),
            ("..", sub, "--out is the current folder or above it"),
            ("/", dir, "--out is the root folder"),
            (dir.path, sub, "--out is the current folder or above it"),
            (NSHomeDirectory(), dir, "--out is the home folder"),
            ("test-origins.csv", dir, "--out is or holds the origins file test-origins.csv"),
            ("sentinel.txt", dir, "--out exists and is a file, not a folder"),
            ("sub", dir, ""),   // an empty folder may be replaced: checked below
        ]
        for c in cases where !c.message.isEmpty {
            let r = try analyze(c.out, in: c.in)
            #expect(r.status == 1, "--out '\(c.out)': \(r.stderr)")
            #expect(r.stderr.contains(c.message) && r.stderr.contains("nothing was written"), "--out '\(c.out)': \(r.stderr)")
            #expect(intact(dir), "--out '\(c.out)' damaged the inputs")
        }
        // A folder holding an input (here: above the origins file, in another working folder).
        let above = try CLI.run(["analyze", "--network", CLI.helsinki, "--origins", dir.appendingPathComponent("test-origins.csv").path,
                                 "--facilities", dir.appendingPathComponent("test-facilities.csv").path, "--out", dir.path, "--quiet"],
                                in: FileManager.default.temporaryDirectory)
        #expect(above.status == 1 && above.stderr.contains("--out is or holds the"), "\(above.stderr)")
        // A folder of someone else's files.
        try Data("data".utf8).write(to: sub.appendingPathComponent("theirs.txt"))
        let theirs = try analyze("sub", in: dir)
        #expect(theirs.status == 1 && theirs.stderr.contains("sub (\(sub.path)): --out exists and is not a ServiceCircle output folder"),
                "\(theirs.stderr)")
        #expect(FileManager.default.fileExists(atPath: sub.appendingPathComponent("theirs.txt").path))
        // An empty folder, then our own outputs, may be replaced.
        try FileManager.default.removeItem(at: sub.appendingPathComponent("theirs.txt"))
        #expect(try analyze("sub", in: dir).status == 0)
        #expect(try analyze("sub", in: dir).status == 0)
        #expect(intact(dir))
    }

    @Test func cacheHistoryAndPartsAreNeverReplaced() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let stores = dir.appendingPathComponent("stores")
        try FileManager.default.createDirectory(at: stores, withIntermediateDirectories: true)
        let history = stores.appendingPathComponent("h.sqlite").path
        // The folder holding the history, the cache folder itself, a folder inside the cache.
        let a = try analyze("stores", in: dir, ["--history", history])
        #expect(a.status == 1 && a.stderr.contains("--out is or holds the run history"), "\(a.stderr)")
        #expect(try analyze("run", in: dir, ["--cache", "stores/cache"]).status == 0)
        let b = try analyze("stores/cache", in: dir, ["--cache", "stores/cache"])
        #expect(b.status == 1 && b.stderr.contains("--out is or holds the cache folder"), "\(b.stderr)")
        let c = try analyze("stores/cache/x", in: dir, ["--cache", "stores/cache"])
        #expect(c.status == 1 && c.stderr.contains("lies inside the cache folder"), "\(c.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("stores/cache").path))
    }

    @Test func jobFileAndMergeOutAreChecked() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = dir.appendingPathComponent("job.yaml")
        try """
            network: \(CLI.helsinki)
            origins: test-origins.csv
            facilities: [test-facilities.csv]
            items: [kindergarten]
            gaps: false
            out: .
            parts: parts
            """.write(to: job, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", job.path, "--quiet"])
        #expect(r.status == 1 && r.stderr.contains("out: (in \(job.path)) is or holds the "), "\(r.stderr)")
        let empty = try CLI.run(["run", job.path, "--out", "", "--quiet"], in: dir)
        #expect(empty.status == 1 && empty.stderr.contains("is empty"), "\(empty.stderr)")
        // The one shard of a run, then a merge told to write over the current folder.
        let shard = try CLI.run(["run", job.path, "--shard", "1/1", "--quiet"], in: dir)
        #expect(shard.status == 0, "\(shard.stderr)")
        let merge = try CLI.run(["merge", dir.appendingPathComponent("parts").path, "--out", "", "--quiet"], in: dir)
        #expect(merge.status == 1 && merge.stderr.contains("--out is empty"), "\(merge.stderr)")
        #expect(intact(dir))
    }

    @Test func buildGraphNeverOverwritesItsInputOrForeignFiles() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let osm = dir.appendingPathComponent("city.osm.pbf")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: CLI.helsinki), to: osm)
        let before = try Data(contentsOf: osm)
        let same = try CLI.run(["build-graph", "--network", osm.path, "--out", osm.path, "--quiet"])
        #expect(same.status == 1 && same.stderr.contains("--out is the OSM file --network reads"), "\(same.stderr)")
        let other = try CLI.run(["build-graph", "--network", osm.path, "--out", "sentinel.txt", "--quiet"], in: dir)
        #expect(other.status == 1 && other.stderr.contains("sentinel.txt: --out exists and is not a ServiceCircle graph cache"),
                "\(other.stderr)")
        let folder = try CLI.run(["build-graph", "--network", osm.path, "--out", dir.path, "--quiet"])
        #expect(folder.status == 1 && folder.stderr.contains("--out is a folder"), "\(folder.stderr)")
        #expect(try Data(contentsOf: osm) == before)
        #expect(intact(dir))
        // A graph cache may be rebuilt in place.
        let cache = dir.appendingPathComponent("c.scgraph").path
        #expect(try CLI.run(["build-graph", "--network", osm.path, "--out", cache, "--quiet"]).status == 0)
        #expect(try CLI.run(["build-graph", "--network", osm.path, "--out", cache, "--quiet"]).status == 0)
    }
}
