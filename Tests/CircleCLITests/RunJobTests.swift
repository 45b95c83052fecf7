import Foundation
import Testing

/// `circle run JOB.yaml` (docs/jobs.md): the same outputs as `circle analyze`, and precise errors.
@Suite(.serialized) struct RunJobTests {
    static let goldenFiles = ["times.csv", "origins.csv", "subdistricts.csv"]

    /// The golden analyze run (`AnalyzeTests.analyze`) as a job, with absolute paths.
    static func goldenJob(out: URL) -> String {
        """
        network: \(CLI.helsinki)
        origins: \(AnalyzeTests.geodata.appendingPathComponent("test-origins.csv").path)
        facilities:
          - \(AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path)
        items: [\(AnalyzeTests.items.replacingOccurrences(of: ",", with: ", "))]
        out: \(out.path)
        """
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static func expectGolden(_ out: URL) throws {
        for file in goldenFiles {
            let got = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            let want = try String(contentsOf: AnalyzeTests.geodata.appendingPathComponent("golden/run/\(file)"), encoding: .utf8)
            #expect(got == want, "\(file) differs from geodata/helsinki/golden/run")
        }
    }

    @Test func jobEquivalentToGoldenAnalyzeRunGivesGoldenOutputs() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let job = dir.appendingPathComponent("job.yaml")
        try Self.write(Self.goldenJob(out: out) + "\nhistory: h.sqlite\ncache: cache/\n", to: job)
        let r = try CLI.run(["run", job.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("400 origins"), "\(r.stdout)")
        try Self.expectGolden(out)
        // The cache (relative to the job file) holds the 12 search units; the history has the run.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["cache", "h.sqlite", "job.yaml", "run"])
        #expect(try CLI.run(["history", "--db", dir.appendingPathComponent("h.sqlite").path]).stdout.contains("\tok\t"))
        let units = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("cache").path)
        #expect(units.filter { $0.hasSuffix(".unit") }.count == 12)
    }

    @Test func relativePathsResolveAgainstTheJobFolder() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for (from, to) in [(CLI.helsinki, "net.osm.pbf"),
                           (AnalyzeTests.geodata.appendingPathComponent("test-origins.csv").path, "origins.csv"),
                           (AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path, "facilities.csv")] {
            try FileManager.default.copyItem(atPath: from, toPath: data.appendingPathComponent(to).path)
        }
        let job = dir.appendingPathComponent("jobs/nightly.yaml")
        try Self.write("""
            network: ../data/net.osm.pbf
            origins: ../data/origins.csv
            facilities: [../data/facilities.csv]
            items: [\(AnalyzeTests.items)]
            out: ../runs/latest
            """, to: job)
        // Run from another working directory, so that only the job's folder can explain the paths.
        let r = try CLI.runTool("/bin/sh", ["-c", "cd / && '\(CLI.binary.path)' run '\(job.path)' --quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        try Self.expectGolden(dir.appendingPathComponent("runs/latest"))
    }

    @Test func sampleJobRuns() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("helsinki")
        let job = CLI.root.appendingPathComponent("geodata/jobs/helsinki.yaml").path
        let r = try CLI.run(["run", job, "--out", out.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        try Self.expectGolden(out)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))
    }

    /// Each bad job: its text (appended to a valid job unless it replaces a required key), the key
    /// and line the message must name, and a phrase of the problem.
    @Test(arguments: [
        ("unknown key", "walk-kmh: 4", "walk-kmh", 7, "did you mean 'walk_kmh'"),
        ("typo", "orgins: x.csv", "orgins", 7, "did you mean 'origins'"),
        ("wrong type number", "cycle_kmh: fast", "cycle_kmh", 7, "expected a number"),
        ("wrong type list", "facilities: {a: b}", "facilities", nil, "expected a list"),
        ("wrong type bool", "gaps: sometimes", "gaps", 7, "expected true or false"),
        ("negative speed", "walk_kmh: -4", "walk_kmh", 7, "must be a positive number"),
        ("zero components", "min_component_nodes: 0", "min_component_nodes", 7, "at least 1"),
        ("lang", "lang: fr", "lang", 7, "must be zh or en"),
        ("unknown item", "", "items[1]", 5, "not an item of catalog"),
        ("missing network", "", "network", nil, "required key is missing"),
        ("missing origins", "", "origins", nil, "required key is missing"),
        ("missing facilities", "", "facilities", nil, "required key is missing"),
        ("missing out", "", "out", nil, "required key is missing"),
        ("isochrones without gaps", "gaps: false\nisochrones: true", "isochrones", 8, "gap-map cells"),
        ("out_crs", "out_crs: EPSG:999999", "out_crs", 7, "EPSG:999999: PROJ does not know this CRS"),
        ("wrong type gpkg", "gpkg: maybe", "gpkg", 7, "expected true or false"),
    ] as [(String, String, String, Int?, String)])
    func validationErrorsExit1NamingFileAndKey(name: String, extra: String, key: String, line: Int?, phrase: String) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        var lines = Self.goldenJob(out: out).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Lines: 1 network, 2 origins, 3 facilities, 4 its entry, 5 items, 6 out; extra from 7.
        if name.hasPrefix("missing ") {
            let missing = String(name.dropFirst("missing ".count))
            lines.removeAll { $0.hasPrefix(missing + ":") || (missing == "facilities" && $0.hasPrefix("  - ")) }
        } else if name == "unknown item" {
            lines[4] = "items: [kindergarten, teleporter]"
        } else if name == "wrong type list" {
            lines.removeAll { $0.hasPrefix("facilities:") || $0.hasPrefix("  - ") }
        }
        if !extra.isEmpty { lines.append(extra) }
        let job = dir.appendingPathComponent("bad.yaml")
        try Self.write(lines.joined(separator: "\n") + "\n", to: job)
        let r = try CLI.run(["run", job.path, "--quiet"])
        #expect(r.status == 1, "\(name): \(r.stderr)")
        let prefix = line.map { "\(job.path):\($0): \(key): " } ?? "\(job.path)"
        #expect(r.stderr.contains(prefix) && r.stderr.contains(key + ": ") && r.stderr.contains(phrase),
                "\(name): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test(arguments: [
        ("network: [a\norigins: b\n", "malformed YAML"),
        ("network: a\n  origins: b: c\n", "malformed YAML"),
        ("- network\n- origins\n", "a job file is a mapping"),
        ("", "the job file is empty"),
    ])
    func malformedFilesExit1NamingTheFile(text: String, phrase: String) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = dir.appendingPathComponent("broken.yaml")
        try Self.write(text, to: job)
        let r = try CLI.run(["run", job.path, "--quiet"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains(job.path) && r.stderr.contains(phrase), "\(r.stderr)")
        if phrase == "malformed YAML" {
            #expect(r.stderr.contains("\(job.path):2:") || r.stderr.contains("\(job.path):3:"), "line number: \(r.stderr)")
        }
    }

    @Test func missingJobFileIsAnInputError() throws {
        let r = try CLI.run(["run", "/nonexistent/job.yaml"])
        #expect(r.status == 1 && r.stderr.contains("/nonexistent/job.yaml: no such job file"), "\(r.stderr)")
    }
}
