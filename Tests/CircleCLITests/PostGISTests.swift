import Foundation
import Testing

/// Issue 11 §5: the PostGIS run store (`--db`, job key `db`) against a real PostgreSQL 15 +
/// PostGIS 3 (``PostgresTestServer``): psql reads back the numbers of times.csv and
/// summary.json, a rerun of the same fingerprint replaces its rows, a killed run leaves none, and
/// an unreachable server is exit 1 naming it without its password.
@Suite(.serialized) struct PostGISTests {
    static let district = CLI.root.appendingPathComponent("geodata/pudong-synthetic")
    static let items = "kindergarten,primary_school,bus_stop"

    static func server() throws -> PostgresTestServer { try PostgresTestServer.shared.get() }

    func arguments(out: URL, db: String, items: String = Self.items, extra: [String] = []) -> [String] {
        let d = Self.district
        return ["analyze", "--network", d.appendingPathComponent("network.osm.pbf").path,
                "--origins", d.appendingPathComponent("origins.csv").path,
                "--facilities", d.appendingPathComponent("facilities.csv").path,
                "--areas", d.appendingPathComponent("subdistricts.geojson").path,
                "--items", items, "--gap-cell", "100", "--out", out.path, "--db", db, "--quiet"] + extra
    }

    func json(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    /// times.csv as `origin|item|minutes` lines, read by header name (any BOM or extra columns ignored).
    func timesCSV(_ out: URL) throws -> [String] {
        var text = try String(contentsOf: out.appendingPathComponent("times.csv"), encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let o = header.firstIndex(of: "origin_id") ?? 0, i = header.firstIndex(of: "item") ?? 1
        let m = header.firstIndex(of: "minutes") ?? 3
        return lines.dropFirst().map { row in
            "\(row[o])|\(row[i])|\(Double(row[m]).map { "\($0)" } ?? "")"
        }.sorted()
    }

    /// A number psql printed equals one of summary.json (within 1e-12: the test's own JSON parser,
    /// Foundation's on Linux, may be off in the last digits; summary.json holds the shortest exact text).
    func same(_ text: String, _ json: Any?) -> Bool {
        guard let a = Double(text), let b = json as? Double else { return false }
        return abs(a - b) <= 1e-12 * max(1, abs(b))
    }

    func count(_ s: PostgresTestServer, _ url: String, _ table: String) throws -> Int {
        Int(try s.psql(url, "SELECT count(*) FROM circle.\(table)")[0][0])!
    }

    @Test func psqlReadsBackTheMinutesOfTimesCSVAndTheFiguresOfSummaryJSON() throws {
        let s = try Self.server()
        let db = s.url(try s.createDatabase())
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        // A horizon equal to the reach: every origin missing an item has a blank (null) minute.
        let r = try CLI.run(arguments(out: out, db: db, extra: ["--horizon", "15"]))
        #expect(r.status == 0, "\(r.stderr)")

        // The same minutes, null where times.csv is blank.
        let stored = try s.psql(db, "SELECT origin, item, coalesce(minutes::text, '') FROM circle.times")
            .map { "\($0[0])|\($0[1])|\(Double($0[2]).map { "\($0)" } ?? "")" }.sorted()
        let csv = try timesCSV(out)
        #expect(csv.count > 1000)
        #expect(stored == csv)
        #expect(csv.filter { $0.hasSuffix("|") }.count == Int(try s.psql(db, "SELECT count(*) FROM circle.times WHERE minutes IS NULL")[0][0]))
        #expect(csv.contains { $0.hasSuffix("|") }, "the run has unreached items, whose minutes must be null")

        // The run, and every group's figures as summary.json has them.
        let summary = try json(out.appendingPathComponent("summary.json"))
        let runJSON = try json(out.appendingPathComponent("run.json"))
        let runs = try s.psql(db, "SELECT fingerprint, run_id, summary->>'runFingerprint', output_folder FROM circle.runs")
        #expect(runs.count == 1)
        #expect(runs[0][0] == summary["runFingerprint"] as? String && runs[0][2] == runs[0][0])
        #expect(runs[0][1] == runJSON["runId"] as? String)
        let groups = summary["groups"] as! [[String: Any]]
        let rows = try s.psql(db, """
            SELECT level, name, origins, mean_basic_score, all_basic_share, missing_count, array_to_string(worst_items, ';')
            FROM circle.subdistricts ORDER BY level, name
            """)
        #expect(rows.count == groups.count)
        for g in groups {
            let level = g["level"] as! String, name = g["name"] as! String
            guard let row = rows.first(where: { $0[0] == level && $0[1] == name }) else {
                Issue.record("no subdistricts row for \(level) \(name)"); continue
            }
            #expect(Int(row[2]) == g["origins"] as? Int)
            #expect(same(row[3], g["meanBasicScore"]) && same(row[4], g["allBasicShare"]), "\(row) \(g)")
            #expect(Int(row[5]) == g["missingCount"] as? Int)
            #expect(row[6] == (g["worstItems"] as! [String]).joined(separator: ";"))
        }
        // Overall item shares equal summary.json's, and each subdistrict has its --areas polygon.
        for item in summary["items"] as! [[String: Any]] {
            let id = item["id"] as! String
            let share = try s.psql(db, "SELECT item_shares->>'\(id)' FROM circle.subdistricts WHERE level = 'overall'")[0][0]
            #expect(same(share, item["originShare"]), "\(id)")
        }
        #expect(try s.psql(db, "SELECT count(*) FROM circle.subdistricts WHERE level = 'subdistrict' AND (geom IS NULL OR NOT ST_IsValid(geom))")[0][0] == "0")
        #expect(try s.psql(db, "SELECT count(*) FROM circle.subdistricts WHERE level = 'subdistrict'")[0][0] == "9")

        // Origins: every one, at its coordinates, with its score.
        let origins = try s.psql(db, "SELECT origin, ST_X(geom), ST_Y(geom), ST_SRID(geom), basic_score FROM circle.origins ORDER BY idx")
        let features = try json(out.appendingPathComponent("origins.geojson"))["features"] as! [[String: Any]]
        #expect(origins.count == features.count && origins.count == 446)
        for (row, f) in zip(origins, features).prefix(20) {
            let c = (f["geometry"] as! [String: Any])["coordinates"] as! [Double]
            #expect(row[0] == (f["properties"] as! [String: Any])["id"] as? String)
            #expect(abs(Double(row[1])! - c[0]) < 1e-7 && abs(Double(row[2])! - c[1]) < 1e-7 && row[3] == "4326")
        }

        // One gap MultiPolygon per item, with the cells and the positions of gaps/ITEM.geojson.
        let gaps = try s.psql(db, "SELECT item, cells, ST_NPoints(geom), ST_GeometryType(geom), ST_SRID(geom) FROM circle.gaps ORDER BY item")
        #expect(gaps.map { $0[0] } == Self.items.split(separator: ",").map(String.init).sorted())
        for g in gaps {
            let feature = (try json(out.appendingPathComponent("gaps/\(g[0]).geojson"))["features"] as! [[String: Any]])[0]
            #expect(Int(g[1]) == (feature["properties"] as! [String: Any])["cells"] as? Int)
            let geometry = feature["geometry"] as! [String: Any]
            let polygons = geometry["type"] as? String == "Polygon" ? [geometry["coordinates"] as! [[[Double]]]]
                                                                   : geometry["coordinates"] as! [[[[Double]]]]
            #expect(Int(g[2]) == polygons.flatMap { $0 }.map(\.count).reduce(0, +), "\(g[0])")
            #expect(g[3] == "ST_MultiPolygon" && g[4] == "4326")
        }
        // The password-free options are recorded; the db URL is not part of the fingerprint.
        #expect(try s.psql(db, "SELECT options->>'db' FROM circle.runs")[0][0] == db)
    }

    @Test func aRerunOfTheSameFingerprintReplacesItsRowsAndAJobWithDbSkipsWhenRecorded() throws {
        let s = try Self.server()
        let name = try s.createDatabase()
        let db = s.url(name)
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        #expect(try CLI.run(arguments(out: out, db: db)).status == 0)
        let times = try count(s, db, "times"), origins = try count(s, db, "origins")
        let first = try s.psql(db, "SELECT id, run_id FROM circle.runs")
        // The same run again (a second output folder, same fingerprint): the same row, replaced.
        let again = dir.appendingPathComponent("again")
        let r = try CLI.run(arguments(out: again, db: db))
        #expect(r.status == 0, "\(r.stderr)")
        let second = try s.psql(db, "SELECT id, run_id, output_folder FROM circle.runs")
        #expect(second.count == 1 && second[0][0] == first[0][0])
        let againId = try json(again.appendingPathComponent("run.json"))["runId"] as? String
        #expect(second[0][1] != first[0][1] && second[0][1] == againId)
        #expect(second[0][2].hasSuffix("/again"))
        #expect(try count(s, db, "times") == times && count(s, db, "origins") == origins && count(s, db, "gaps") == 3)
        #expect(try count(s, db, "subdistricts") == 13)

        // Another run (other items): a second run beside the first.
        #expect(try CLI.run(arguments(out: out, db: db, items: "kindergarten,bus_stop")).status == 0)
        #expect(try count(s, db, "runs") == 2 && count(s, db, "gaps") == 5)

        // A job with `db:` records its run; run again unchanged, it stops with exit 2 and adds nothing.
        let job = dir.appendingPathComponent("nightly.yaml")
        let d = Self.district.path
        try """
            network: \(d)/network.osm.pbf
            origins: \(d)/origins.csv
            facilities: [\(d)/facilities.csv]
            areas: \(d)/subdistricts.geojson
            items: [kindergarten]
            gap_cell: 100
            out: \(dir.path)/nightly
            db: \(db)
            """.write(to: job, atomically: true, encoding: .utf8)
        let j1 = try CLI.run(["run", job.path, "--quiet"])
        #expect(j1.status == 0, "\(j1.stderr)")
        #expect(try count(s, db, "runs") == 3 && count(s, db, "gaps") == 6)
        let j2 = try CLI.run(["run", job.path, "--quiet"])
        #expect(j2.status == 2, "\(j2.stderr)")
        #expect(try count(s, db, "runs") == 3 && count(s, db, "gaps") == 6)

        // The trend query of docs/postgis.md: one row per subdistrict and night, from every run.
        let trend = try s.psql(db, try Self.trendSQL())
        #expect(trend.count == 9, "\(trend)")
        #expect(trend.allSatisfy { $0.count == 6 && Double($0[2]) != nil })
    }

    /// The first SQL block of docs/postgis.md's trend section.
    static func trendSQL() throws -> String {
        let doc = try String(contentsOf: CLI.root.appendingPathComponent("docs/postgis.md"), encoding: .utf8)
        let section = doc.components(separatedBy: "## Coverage trend")[1]
        return section.components(separatedBy: "```sql\n")[1].components(separatedBy: "```")[0]
    }

    @Test(arguments: ["before-publish", "db-before-commit"])
    func aRunKilledBeforeTheCommitLeavesNoRows(fault: String) throws {
        let s = try Self.server()
        let db = s.url(try s.createDatabase())
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let killed = try CLI.runTool(CLI.binary.path, arguments(out: out, db: db), environment: ["CIRCLE_FAULT": fault])
        #expect(killed.status == SIGKILL, "\(killed.stderr)")
        // The store's tables exist (created before the work) but hold nothing of the run.
        for table in ["runs", "origins", "times", "gaps", "subdistricts"] {
            #expect(try count(s, db, table) == 0, "\(table)")
        }
        // Killed after publishing, the outputs stand; a rerun with --skip-unchanged still records
        // the run, because the store lacks it.
        let published = FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.json").path)
        #expect(published == (fault == "db-before-commit"))
        let rerun = try CLI.run(arguments(out: out, db: db, extra: ["--skip-unchanged"]))
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try count(s, db, "runs") == 1 && count(s, db, "times") == timesRows(out))
    }

    func timesRows(_ out: URL) throws -> Int { try timesCSV(out).count }

    @Test func anUnreachableDatabaseIsExitOneNamingItsHostAndPortButNotThePassword() throws {
        let port = try PostgresTestServer.freePort()
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let r = try CLI.run(arguments(out: out, db: "postgresql://planner:s3cretpw@127.0.0.1:\(port)/circle"))
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: --db postgresql://planner:***@127.0.0.1:\(port)/circle: cannot connect to PostgreSQL at host 127.0.0.1 port \(port):"), "\(r.stderr)")
        #expect(r.stderr.contains("Connection refused"), "\(r.stderr)")
        #expect(!r.stderr.contains("s3cretpw"))
        #expect(!FileManager.default.fileExists(atPath: out.path), "the run stopped before any work")

        let bad = try CLI.run(arguments(out: out, db: "mysql://planner:s3cretpw@db/circle"))
        #expect(bad.status == 1)
        #expect(bad.stderr == "error: --db must be a PostgreSQL URL such as postgresql://user@host:5432/database, got 'mysql://planner:***@db/circle'\n")

        // A job's bad `db:` is an input error naming the file and line.
        let job = dir.appendingPathComponent("job.yaml")
        let d = Self.district.path
        try "network: \(d)/network.osm.pbf\norigins: \(d)/origins.csv\nfacilities: [\(d)/facilities.csv]\nout: run\ndb: mysql://x\n"
            .write(to: job, atomically: true, encoding: .utf8)
        let j = try CLI.run(["run", job.path])
        #expect(j.status == 1)
        #expect(j.stderr.contains("job.yaml:5: db: must be a PostgreSQL URL such as postgresql://user@host:5432/database"), "\(j.stderr)")
        #expect(!j.stderr.contains("mysql"))
    }
}
