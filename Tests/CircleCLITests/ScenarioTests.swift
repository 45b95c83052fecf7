import Foundation
import Testing

/// `circle analyze --scenario`: outputs equal a fresh run on edited input files (run.json apart;
/// summary.json apart from the fields naming the inputs), the diff equals `circle diff` of the two
/// runs, a warm cache searches only the changed item, and bad entries stop the run naming file and line.
@Suite(.serialized) struct ScenarioTests {
    static let closedWays: [Int64] = [25361147, 27572897, 86635967, 53185129, 45571451, 419503378, 4369051, 82184837]
    static let added = [("kindergarten", 24.9369532, 60.1653969, "new-kg"), ("supermarket", 24.9350000, 60.1750000, "new-sm")]
    static let removed = ["kindergarten-02", "kindergarten-04"]

    static func scenarioYAML(closures: Bool) -> String {
        var text = "add:\n"
        for a in added { text += "  - {item: \(a.0), lon: \(String(format: "%.7f", a.1)), lat: \(String(format: "%.7f", a.2)), id: \(a.3)}\n" }
        text += "remove: [\(removed.joined(separator: ", "))]\n"
        if closures { text += "close:\n" + closedWays.map { "  - \($0)\n" }.joined() }
        return text
    }

    /// The facility files a fresh run reads instead: the removed rows deleted, the additions in a file of their own.
    static func editedFacilities(in dir: URL) throws -> (String, String) {
        let text = try String(contentsOf: AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv"), encoding: .utf8)
        let kept = text.split(separator: "\n").filter { line in !removed.contains { line.hasPrefix($0 + ",") } }
        let edited = dir.appendingPathComponent("facilities-edited.csv"), extra = dir.appendingPathComponent("facilities-added.csv")
        try (kept.joined(separator: "\n") + "\n").write(to: edited, atomically: true, encoding: .utf8)
        try ("id,type,lon,lat\n" + added.map { "\($0.3),\($0.0),\(String(format: "%.7f", $0.1)),\(String(format: "%.7f", $0.2))\n" }.joined())
            .write(to: extra, atomically: true, encoding: .utf8)
        return (edited.path, extra.path)
    }

    /// An output file's bytes; in facilities.csv/.geojson the `source` field (the name of the
    /// input file a facility came from: the scenario file versus the edited files) is blanked.
    static func comparable(_ folder: URL, _ name: String) throws -> Data {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        guard name.hasPrefix("facilities.") else { return data }
        var text = String(decoding: data, as: UTF8.self)
        if name.hasSuffix(".csv") {
            text = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",") }
                .joined(separator: "\n")
        } else {
            text = text.replacingOccurrences(of: #""source":"[^"]*""#, with: "", options: .regularExpression)
        }
        return Data(text.utf8)
    }

    static func files(_ folder: URL) throws -> [String] {
        let e = FileManager.default.enumerator(atPath: folder.path)!
        return (e.allObjects as! [String]).filter {
            var dir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path, isDirectory: &dir)
            return !dir.boolValue
        }.sorted()
    }

    /// summary.json without the fields that name the inputs (paths, checksums, the fingerprint of both).
    static func summaryWithoutInputs(_ folder: URL) throws -> NSDictionary {
        var s = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("summary.json"))) as! [String: Any]
        s["inputs"] = nil
        s["runFingerprint"] = nil
        var p = s["parameters"] as! [String: Any]
        p["facilities"] = nil
        s["parameters"] = p
        return s as NSDictionary
    }

    /// report.html without the two parts naming the input files: the inputs table and the facilities parameter.
    static func reportWithoutInputs(_ folder: URL) throws -> String {
        var text = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        let start = text.range(of: "<table class=\"data\" id=\"inputs\">")!
        let end = text.range(of: "</table>", range: start.upperBound..<text.endIndex)!
        text.removeSubrange(start.lowerBound..<end.upperBound)
        let row = text.range(of: "<tr><td>facilities</td>")!
        text.removeSubrange(row.lowerBound..<text.range(of: "</tr>", range: row.upperBound..<text.endIndex)!.upperBound)
        return text
    }

    /// Gives files one modification time (the report's "inputs as of" is the newest input's).
    static func touch(_ paths: [String]) throws {
        for p in paths {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_800_000_000)], ofItemAtPath: p)
        }
    }

    static func analyze(_ extra: [String], network: String = CLI.helsinki, facilities: [String]? = nil, out: URL) throws -> CLI.Result {
        let f = facilities ?? [AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path]
        return try CLI.run(["analyze", "--network", network,
                            "--origins", AnalyzeTests.geodata.appendingPathComponent("test-origins.csv").path]
                           + f.flatMap { ["--facilities", $0] } + ["--items", AnalyzeTests.items, "--out", out.path, "--quiet"] + extra)
    }

    @Test func outputsEqualAFreshRunOnEditedFiles() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = dir.appendingPathComponent("history.sqlite").path
        let base = dir.appendingPathComponent("base"), scen = dir.appendingPathComponent("scen"), fresh = dir.appendingPathComponent("fresh")
        let scenario = dir.appendingPathComponent("what-if.yaml")
        try Self.scenarioYAML(closures: true).write(to: scenario, atomically: true, encoding: .utf8)
        // The edited network: the closed ways removed by osmium.
        let network = dir.appendingPathComponent("closed.osm.pbf").path
        let osmium = try CLI.runTool("/usr/bin/env", ["osmium", "removeid", "-o", network, CLI.helsinki]
                                     + Self.closedWays.map { "w\($0)" })
        #expect(osmium.status == 0, "\(osmium.stderr)")
        let (edited, extra) = try Self.editedFacilities(in: dir)

        try Self.touch([scenario.path, network, edited, extra])

        #expect(try Self.analyze(["--history", history], out: base).status == 0)
        let r = try Self.analyze(["--scenario", scenario.path, "--baseline", base.path], out: scen)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.analyze([], network: network, facilities: [edited, extra], out: fresh).status == 0)
        // The same fresh run recorded in the history after the baseline, for `circle diff`.
        #expect(try Self.analyze(["--history", history], network: network, facilities: [edited, extra],
                                 out: dir.appendingPathComponent("fresh-recorded")).status == 0)

        let freshFiles = try Self.files(fresh)
        #expect(try Self.files(scen) == (freshFiles + ["scenario_diff.csv", "scenario_diff.json", "scenario_diff.txt"]).sorted())
        for name in freshFiles where !["run.json", "summary.json", "report.html"].contains(name) {
            let same = try Self.comparable(scen, name) == Self.comparable(fresh, name)
            #expect(same, "\(name) differs from the fresh run's")
        }
        #expect(try Self.summaryWithoutInputs(scen) == Self.summaryWithoutInputs(fresh))
        #expect(try Self.reportWithoutInputs(scen) == Self.reportWithoutInputs(fresh))
        // The scenario changed something, and its diff is `circle diff` of the baseline and the fresh run.
        #expect(try Data(contentsOf: scen.appendingPathComponent("times.csv")) != Data(contentsOf: base.appendingPathComponent("times.csv")))
        for format in ["csv", "json", "text"] {
            let d = try CLI.run(["diff", "--db", history, "--format", format])
            #expect(d.status == 0)
            let name = "scenario_diff." + (format == "text" ? "txt" : format)
            #expect(try String(contentsOf: scen.appendingPathComponent(name), encoding: .utf8) == d.stdout, "\(name)")
        }
        let csv = try String(contentsOf: scen.appendingPathComponent("scenario_diff.csv"), encoding: .utf8)
        #expect(csv.contains("\nnewly_covered,") && csv.contains("\nnewly_uncovered,"))
        // Closures change the network, so the fingerprint differs from a facilities-only scenario's.
        let facilitiesOnly = dir.appendingPathComponent("facilities-only.yaml"), other = dir.appendingPathComponent("other")
        try Self.scenarioYAML(closures: false).write(to: facilitiesOnly, atomically: true, encoding: .utf8)
        #expect(try Self.analyze(["--scenario", facilitiesOnly.path], out: other).status == 0)
        func fingerprint(_ f: URL) throws -> String {
            (try JSONSerialization.jsonObject(with: Data(contentsOf: f.appendingPathComponent("summary.json"))) as! [String: Any])["runFingerprint"] as! String
        }
        #expect(try fingerprint(other) != fingerprint(scen))
        #expect(try Data(contentsOf: other.appendingPathComponent("times.csv")) != Data(contentsOf: scen.appendingPathComponent("times.csv")))
    }

    @Test func aWarmCacheSearchesOnlyTheAddedItem() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("cache").path
        let base = dir.appendingPathComponent("base"), scen = dir.appendingPathComponent("scen"), fresh = dir.appendingPathComponent("fresh")
        #expect(try Self.analyze(["--cache", cache], out: base).status == 0)
        let scenario = dir.appendingPathComponent("one.csv")
        let extra = dir.appendingPathComponent("added.csv")
        try "action,item,lon,lat,id\nadd,幼儿园,24.9369532,60.1653969,new-kg\n".write(to: scenario, atomically: true, encoding: .utf8)
        try "id,type,lon,lat\nnew-kg,幼儿园,24.9369532,60.1653969\n".write(to: extra, atomically: true, encoding: .utf8)
        try Self.touch([scenario.path, extra.path])
        let r = try Self.analyze(["--cache", cache, "--scenario", scenario.path, "--baseline", base.path], out: scen)
        #expect(r.status == 0, "\(r.stderr)")
        let s = try JSONSerialization.jsonObject(with: Data(contentsOf: scen.appendingPathComponent("summary.json"))) as! [String: Any]
        #expect(s["searchUnits"] as? Int == 2)   // kindergarten, walk and cycle
        #expect(s["searchUnitsReused"] as? Int == 10)
        #expect(s["gapMapsReused"] as? Int == 5)
        #expect(try Self.analyze([], facilities: [AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path, extra.path],
                                 out: fresh).status == 0)
        #expect(try Self.reportWithoutInputs(scen) == Self.reportWithoutInputs(fresh))
        for name in try Self.files(fresh) where !["run.json", "summary.json", "report.html"].contains(name) {
            #expect(try Self.comparable(scen, name) == Self.comparable(fresh, name), "\(name)")
        }
        let diff = try String(contentsOf: scen.appendingPathComponent("scenario_diff.csv"), encoding: .utf8)
        #expect(diff.contains("\nnewly_covered,"))
        #expect(!diff.contains("newly_uncovered"))
        #expect(diff.split(separator: "\n").filter { $0.hasPrefix("item,") }.allSatisfy { $0.hasPrefix("item,,kindergarten,") })
    }

    func fails(_ scenario: String, name: String = "bad.yaml", _ message: String, extra: [String] = []) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name)
        try scenario.write(to: file, atomically: true, encoding: .utf8)
        let r = try Self.analyze(["--scenario", file.path] + extra, out: dir.appendingPathComponent("out"))
        #expect(r.status == 1)
        #expect(r.stderr.contains(file.path + message), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test func badEntriesNameFileAndLine() throws {
        try fails("add:\n  - {item: kindergarden, lon: 24.94, lat: 60.17}\n",
                  ":2: add: 'kindergarden' is not an item of catalog pudong; did you mean kindergarten (幼儿园), fitness_station (社区(益智)健身苑点)?")
        try fails("add:\n  - {item: library, lon: 24.94, lat: 60.17}\n",
                  ":2: add: library_branch is not among the items of this run (--items); add it there or drop the entry")
        try fails("remove:\n  - kindergarten-01\n  - kindergarten-99x\n",
                  ":3: remove: no facility has id 'kindergarten-99x'; did you mean 'kindergarten-09'?")
        try fails("close: [25361147, 123]\n",
                  ":1: close: way 123 is not a street of \(CLI.helsinki) (no way with a highway tag has this id)")
        try fails("action,item,lon,lat\nadd,kindergarten,24.94,60.17\nadd,kindergarten,124.94,95\n", name: "bad.csv",
                  ":3: add: position (124.94, 95.0) is not a valid")
        try fails("action,item,lon,lat\nadd,kindergarten,24.94,north\n", name: "bad.csv",
                  ":2: add: lat must be a decimal number, got 'north'")
        try fails("action,way\nclose,12x\n", name: "bad.csv", ":2: close: an OSM way id is a positive whole number, got '12x'")
        try fails("action,way\nopen,12\n", name: "bad.csv", ":2: action must be add, remove, close or link, got 'open'")
        try fails("add:\n  - {item: kindergarten, lon: 24.94}\n", ":2: add: the entry has no lat")
        try fails("remov: [a]\n", ":1: unknown key 'remov'; did you mean 'remove'?")
        try fails("add: []\n", ": the scenario changes nothing: give facilities to add or remove, streets to close or links to add")
        // A baseline that is not an output folder stops the run before any work.
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("ok.yaml")
        try "remove: [kindergarten-01]\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try Self.analyze(["--scenario", file.path, "--baseline", dir.path], out: dir.appendingPathComponent("out"))
        #expect(r.status == 1)
        #expect(r.stderr.contains("--baseline \(dir.path): not an output folder of `circle analyze` (no summary.json)"), "\(r.stderr)")
    }

    @Test func jobKeysScenarioAndBaseline() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("base"), scen = dir.appendingPathComponent("scen")
        #expect(try Self.analyze([], out: base).status == 0)
        try "remove: [kindergarten-11]\n".write(to: dir.appendingPathComponent("what-if.yaml"), atomically: true, encoding: .utf8)
        let job = dir.appendingPathComponent("job.yaml")
        try RunJobTests.write(RunJobTests.goldenJob(out: scen) + "\nscenario: what-if.yaml\nbaseline: base\n", to: job)
        let r = try CLI.run(["run", job.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let diff = try String(contentsOf: scen.appendingPathComponent("scenario_diff.csv"), encoding: .utf8)
        #expect(diff.contains("\nnewly_uncovered,") && diff.contains(",kindergarten,1,0\n"))
        #expect(!diff.contains("newly_covered"))
        // A bad entry names the scenario file (resolved next to the job file) and its line.
        try "remove:\n  - nothing-here\n".write(to: dir.appendingPathComponent("what-if.yaml"), atomically: true, encoding: .utf8)
        let bad = try CLI.run(["run", job.path, "--quiet"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains(dir.appendingPathComponent("what-if.yaml").standardizedFileURL.path
                                    + ":2: remove: no facility has id 'nothing-here'"), "\(bad.stderr)")
    }

    /// A baseline with other origins (the diff's general path, not line by line) still gives `circle diff`'s answer.
    @Test func aBaselineWithOtherOriginsGivesCircleDiffsAnswer() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = dir.appendingPathComponent("h.sqlite").path
        let lines = try String(contentsOf: AnalyzeTests.geodata.appendingPathComponent("test-origins.csv"), encoding: .utf8)
            .split(separator: "\n")
        let some = dir.appendingPathComponent("some-origins.csv")
        try (lines.prefix(1) + lines.dropFirst().filter { !$0.hasPrefix("O01") }).joined(separator: "\n").appending("\n")
            .write(to: some, atomically: true, encoding: .utf8)
        let base = dir.appendingPathComponent("base")
        #expect(try CLI.run(["analyze", "--network", CLI.helsinki, "--origins", some.path, "--facilities",
                             AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path, "--items", AnalyzeTests.items,
                             "--history", history, "--out", base.path, "--quiet"]).status == 0)
        let scenario = dir.appendingPathComponent("s.yaml")
        try "remove: [kindergarten-11]\n".write(to: scenario, atomically: true, encoding: .utf8)
        let scen = dir.appendingPathComponent("scen")
        let r = try Self.analyze(["--scenario", scenario.path, "--baseline", base.path], out: scen)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv"), encoding: .utf8)
        let edited = dir.appendingPathComponent("f.csv")
        try (text.split(separator: "\n").filter { !$0.hasPrefix("kindergarten-11,") }.joined(separator: "\n") + "\n")
            .write(to: edited, atomically: true, encoding: .utf8)
        #expect(try Self.analyze(["--history", history], facilities: [edited.path], out: dir.appendingPathComponent("fresh")).status == 0)
        let d = try CLI.run(["diff", "--db", history, "--format", "csv"])
        #expect(try String(contentsOf: scen.appendingPathComponent("scenario_diff.csv"), encoding: .utf8) == d.stdout)
    }
}
