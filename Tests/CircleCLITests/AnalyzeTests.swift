import Foundation
import Testing

/// `circle analyze` end to end on geodata/helsinki, against committed golden files and the
/// independent reference implementation's times (Scripts/crosscheck).
@Suite(.serialized) struct AnalyzeTests {
    static let items = "kindergarten,primary_school,community_health_center,supermarket,community_park,bus_stop"
    static let geodata = CLI.root.appendingPathComponent("geodata/helsinki")

    static func analyze(_ extra: [String] = [], origins: String? = nil, facilities: String? = nil, out: URL) throws -> CLI.Result {
        try CLI.run(["analyze", "--network", CLI.helsinki,
                     "--origins", origins ?? geodata.appendingPathComponent("test-origins.csv").path,
                     "--facilities", facilities ?? geodata.appendingPathComponent("test-facilities.csv").path,
                     "--items", items, "--out", out.path, "--quiet"] + extra)
    }

    @Test func outputsEqualGoldenFiles() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let r = try Self.analyze(out: out)
        #expect(r.status == 0, "\(r.stderr)")
        for file in ["times.csv", "origins.csv", "subdistricts.csv", "facilities.csv"] {
            let got = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            let want = try String(contentsOf: Self.geodata.appendingPathComponent("golden/run/\(file)"), encoding: .utf8)
            #expect(got == want, "\(file) differs from geodata/helsinki/golden/run (Scripts/update-golden.sh)")
        }
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        #expect(summary["schemaVersion"] as? Int == 1)
        let groups = summary["groups"] as! [[String: Any]]
        let all = groups.last!
        #expect(all["origins"] as? Int == 400 && all["missingCount"] as? Int == 82)
        let warnings = summary["warnings"] as! [String]
        #expect(warnings.contains { $0.contains("bus_stop-far") })
        #expect(warnings.contains { $0.contains("8 origins lie off the network") })
        let inputs = summary["inputs"] as! [[String: Any]]
        #expect(inputs.first?["sha256"] as? String == "b73e9c2c82054d654209b0127f1c3287d5900d6780a6083bf3a45ead8ba3e5ee")
        // No staging folder is left beside the outputs.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["run"])
    }

    @Test func timesAgreeWithIndependentReference() throws {
        let ours = try Self.table(Self.geodata.appendingPathComponent("golden/run/times.csv"))
        let reference = try Self.table(Self.geodata.appendingPathComponent("golden/times_reference.csv"))
        #expect(ours.count == 2400 && Set(ours.keys) == Set(reference.keys))
        let agree = ours.filter { key, a in
            guard let b = reference[key] else { return false }
            if a.isEmpty || b.isEmpty { return a == b }
            let x = Double(a)!, y = Double(b)!
            return abs(x - y) <= 0.01 || abs(x - y) <= 0.002 * max(x, y)
        }.count
        #expect(Double(agree) / Double(ours.count) >= 0.995, "\(agree) of \(ours.count) agree")
    }

    /// SPEC §8: times.csv lists minutes rounded up to 3 decimals, and an item is covered exactly
    /// when its listed minutes are within the reach. With the reach set to one of the listed times
    /// itself, rows at that time are covered and rows a thousandth above are not.
    @Test func listedMinutesDecideCoverage() throws {
        let golden = try Self.table(Self.geodata.appendingPathComponent("golden/run/times.csv"))
        let basic = ["kindergarten", "primary_school", "community_health_center"]
        let listed = golden.filter { key, value in !value.isEmpty && basic.contains { key.contains(",\($0),") } }
            .map { Double($0.value)! }.filter { $0 > 3 && $0 < 14 }.sorted()
        let reach = try #require(listed.isEmpty ? nil : listed[listed.count / 2])
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let r = try Self.analyze(["--reach", Format3.text(reach)], out: out)
        #expect(r.status == 0, "\(r.stderr)")
        let times = try Self.table(out.appendingPathComponent("times.csv"))
        let lines = try String(contentsOf: out.appendingPathComponent("origins.csv"), encoding: .utf8).split(separator: "\n")
        let header = lines[0].replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: ",", omittingEmptySubsequences: false)
        let id = header.firstIndex(of: "origin_id")!, mode = header.firstIndex(of: "mode")!
        let missing = header.firstIndex(of: "missing_items")!
        var atReach = 0, checked = 0
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            let missed = Set(f[missing].split(separator: ";").map(String.init))
            for item in basic {
                guard let text = times["\(f[id]),\(item),\(f[mode])"] else { continue }
                // The three decimals written are never more precise than the rule needs.
                #expect(text.isEmpty || text.split(separator: ".").last?.count == 3, "\(text)")
                let covered = !text.isEmpty && Double(text)! <= reach
                #expect(covered == !missed.contains(item), "\(f[id]) \(item): \(text) min, reach \(reach)")
                if text == Format3.text(reach) { atReach += 1 }
                checked += 1
            }
        }
        #expect(checked > 1000 && atReach > 0, "\(checked) rows, \(atReach) at the reach")
    }

    enum Format3 {
        static func text(_ v: Double) -> String { String(format: "%.3f", v) }
    }

    static func table(_ url: URL) throws -> [String: String] {
        var rows: [String: String] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            rows["\(f[0]),\(f[1]),\(f[2])"] = String(f[3])
        }
        return rows
    }

    static var hasSciPy: Bool {
        (try? CLI.runTool("/usr/bin/env", ["python3", "-c", "import scipy, numpy"]).status) == 0
    }

    /// Reruns the Python reference, so the committed reference file cannot silently go stale.
    @Test(.enabled(if: hasSciPy && FileManager.default.isExecutableFile(atPath: "/usr/bin/osmium")))
    func referenceImplementationReproducesItsCommittedTimes() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ref.csv").path
        let r = try CLI.runTool("/usr/bin/env", [
            "python3", CLI.root.appendingPathComponent("Scripts/crosscheck/reference_times.py").path,
            "--network", CLI.helsinki, "--origins", Self.geodata.appendingPathComponent("test-origins.csv").path,
            "--facilities", Self.geodata.appendingPathComponent("test-facilities.csv").path,
            "--items", Self.items, "--out", out, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8)
                == String(contentsOf: Self.geodata.appendingPathComponent("golden/times_reference.csv"), encoding: .utf8))
    }

    @Test func failedRunLeavesPreviousOutputsIntact() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        #expect(try Self.analyze(out: out).status == 0)
        let before = try Data(contentsOf: out.appendingPathComponent("times.csv"))
        let bad = dir.appendingPathComponent("bad.csv")
        try "id,kind,lon,lat\nA,residential,24.94,60.17\n".write(to: bad, atomically: true, encoding: .utf8)
        let r = try Self.analyze(origins: bad.path, out: out)
        #expect(r.status == 1)
        #expect(r.stderr.contains(bad.path) && r.stderr.contains("line 2") && r.stderr.contains("no area class"), "\(r.stderr)")
        #expect(try Data(contentsOf: out.appendingPathComponent("times.csv")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["bad.csv", "run"])
    }

    @Test func swappedCoordinatesStopTheRunWithAHint() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = "id,kind,area_class,lon,lat\n"
        for i in 0..<20 { text += "O\(i),村委,城市化地区,\(60.165 + Double(i) * 0.0005),\(24.940 + Double(i) * 0.0004)\n" }
        let swapped = dir.appendingPathComponent("swapped.csv")
        try text.write(to: swapped, atomically: true, encoding: .utf8)
        let r = try Self.analyze(origins: swapped.path, out: dir.appendingPathComponent("run"))
        #expect(r.status == 1)
        #expect(r.stderr.contains("swapped"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("run").path))
    }

    @Test func itemWithoutFacilitiesIsUncoveredWithAWarning() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let r = try CLI.run(["analyze", "--network", CLI.helsinki,
                             "--origins", Self.geodata.appendingPathComponent("test-origins.csv").path,
                             "--facilities", Self.geodata.appendingPathComponent("test-facilities.csv").path,
                             "--items", "kindergarten,metro_station", "--out", out.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("metro_station") && r.stderr.contains("no facility"))
        let times = try String(contentsOf: out.appendingPathComponent("times.csv"), encoding: .utf8)
        // Blank minutes, and the status says why.
        let rows = times.split(separator: "\n").filter { $0.contains(",metro_station,") }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.hasSuffix(",,no_facility") || $0.hasSuffix(",,unsnapped") })
    }

    @Test(arguments: [
        (["--items", "kindergarten,nonsense"], "'nonsense' is not an item"),
        (["--walk-kmh", "0"], "--walk-kmh must be a positive number"),
        (["--catalog", "/nonexistent/catalog.json"], "/nonexistent/catalog.json"),
    ])
    func badOptions(extra: [String], message: String) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var args = ["analyze", "--network", CLI.helsinki,
                    "--origins", Self.geodata.appendingPathComponent("test-origins.csv").path,
                    "--facilities", Self.geodata.appendingPathComponent("test-facilities.csv").path,
                    "--out", dir.appendingPathComponent("run").path, "--quiet"]
        args += extra
        let r = try CLI.run(args)
        #expect(r.status == 1)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
