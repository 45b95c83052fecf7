import Foundation
import Testing

/// `circle verify` checks that an output folder is complete (issue 10 §6), and the command line
/// says what is wrong with a value instead of failing as a bug (issue 10 §5).
@Suite(.serialized) struct VerifyCompletenessTests {
    func verify(_ folder: String) throws -> CLI.Result { try CLI.run(["verify", folder]) }

    @Test func missingMapsAndOriginsAreProblems() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        #expect(try AnalyzeTests.analyze(["--gap-cell", "100"], out: out).status == 0)
        #expect(try verify(out.path).status == 0)
        let copy = dir.appendingPathComponent("copy")
        func fresh() throws {
            try? FileManager.default.removeItem(at: copy)
            try FileManager.default.copyItem(at: out, to: copy)
        }
        // One map deleted.
        try fresh()
        try FileManager.default.removeItem(at: copy.appendingPathComponent("gaps/kindergarten.geojson"))
        var v = try verify(copy.path)
        #expect(v.status == 3 && v.stdout.contains("kindergarten: its gap map \(copy.path)/gaps/kindergarten.geojson is missing"), "\(v.stdout)")
        // Every map but one deleted.
        try fresh()
        let items = AnalyzeTests.items.split(separator: ",").map(String.init)
        for item in items.dropFirst() { try FileManager.default.removeItem(at: copy.appendingPathComponent("gaps/\(item).geojson")) }
        v = try verify(copy.path)
        #expect(v.status == 3 && v.stdout.contains("\(items.count - 1) problems"), "\(v.stdout)")
        // origins.geojson emptied.
        try fresh()
        try Data(#"{"type":"FeatureCollection","features":[]}"#.utf8).write(to: copy.appendingPathComponent("origins.geojson"))
        v = try verify(copy.path)
        #expect(v.status == 3 && v.stdout.contains("400 of the 400 origins of origins.csv have no point (O0001, O0002"), "\(v.stdout)")
        // A map that is not an item of the run.
        try fresh()
        try FileManager.default.copyItem(at: copy.appendingPathComponent("gaps/kindergarten.geojson"),
                                         to: copy.appendingPathComponent("gaps/zoo.geojson"))
        v = try verify(copy.path)
        #expect(v.status == 3 && v.stdout.contains("zoo is not an item of this run"), "\(v.stdout)")
    }

    @Test func foldersThatCannotBeVerifiedSaySo() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try verify(dir.appendingPathComponent("nothing").path)
        #expect(missing.status == 1 && missing.stderr.contains("nothing: no such folder"), "\(missing.stderr)")
        let file = dir.appendingPathComponent("f.txt")
        try Data("x".utf8).write(to: file)
        let plain = try verify(file.path)
        #expect(plain.status == 1 && plain.stderr.contains("is a file, not an output folder"), "\(plain.stderr)")
        let empty = try verify(dir.path)
        #expect(empty.status == 1 && empty.stderr.contains("is not an output folder of circle analyze (no summary.json)"))
        let out = dir.appendingPathComponent("run")
        #expect(try AnalyzeTests.analyze(["--no-gaps"], out: out).status == 0)
        let noGaps = try verify(out.path)
        #expect(noGaps.status == 3 && noGaps.stdout.contains("was written without gap maps (--no-gaps)"), "\(noGaps.stdout)")
    }

    @Test func valuesAreRefusedWithTheirRule() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        for (option, value, message) in [("--walk-kmh", "-1", "--walk-kmh must be a positive number, got -1.0"),
                                         ("--cycle-kmh", "0", "--cycle-kmh must be a positive number, got 0.0"),
                                         ("--horizon", "-5", "--horizon must be a positive number, got -5.0")] {
            let r = try AnalyzeTests.analyze([option, value], out: out)
            #expect(r.status == 1 && r.stderr.contains(message), "\(option) \(value): \(r.stderr)")
        }
    }

    @Test func aFileSizeLimitIsReportedWithThePath() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        // 64 KiB per file: times.csv is larger. The run must fail as input/environment (1), naming the file.
        let command = ([CLI.binary.path, "analyze", "--network", CLI.helsinki,
                        "--origins", AnalyzeTests.geodata.appendingPathComponent("test-origins.csv").path,
                        "--facilities", AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path,
                        "--no-gaps", "--out", out.path, "--quiet"]).map { "'\($0)'" }.joined(separator: " ")
        let r = try CLI.runTool("/bin/bash", ["-c", "ulimit -f 64; exec \(command)"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("\(out.path)/") && r.stderr.contains("File too large"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let staging = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".partial-") }
        #expect(staging.isEmpty, "\(staging)")
    }

    @Test func diffNamesARunThatDoesNotExist() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("h.sqlite").path
        let out = dir.appendingPathComponent("run")
        #expect(try AnalyzeTests.analyze(["--history", db, "--no-gaps"], out: out).status == 0)
        #expect(try AnalyzeTests.analyze(["--history", db, "--no-gaps"], origins: "/nonexistent.csv", out: out).status == 1)
        let unknown = try CLI.run(["diff", "--db", db, "1", "99"])
        #expect(unknown.status == 1 && unknown.stderr.contains("there is no run 99 in the history (runs 1–2)"), "\(unknown.stderr)")
        let failed = try CLI.run(["diff", "--db", db, "1", "2"])
        #expect(failed.status == 1 && failed.stderr.contains("run 2 did not succeed (status failed)"), "\(failed.stderr)")
    }
}
