import Foundation

/// A throwaway PostgreSQL 15 + PostGIS 3 server for the `--db` tests: one per test process, in a
/// temporary data directory, on a free loopback port with its socket in that directory too, and
/// stopped when the process exits (tests passing or failing). A server left by a test process that
/// crashed is stopped and removed by the next one. PostgreSQL refuses to run as root, so as root
/// (CI) initdb and pg_ctl run as the `postgres` user (`runuser`), which owns the directory.
final class PostgresTestServer: Sendable {
    static let bin = "/usr/lib/postgresql/15/bin"
    static let prefix = "circle-pgtest-"

    let folder: URL
    let port: Int

    /// The server of this test process, started on first use.
    static let shared: Result<PostgresTestServer, Error> = Result {
        let server = try PostgresTestServer.start()
        atexit { if case .success(let s) = PostgresTestServer.shared { s.stop() } }
        return server
    }

    /// A `postgresql://` URL for `database` on this server (user `circle`, trusted).
    func url(_ database: String) -> String { "postgresql://circle@127.0.0.1:\(port)/\(database)" }

    private init(folder: URL, port: Int) {
        self.folder = folder
        self.port = port
    }

    static var asRoot: Bool { getuid() == 0 }

    /// Runs a PostgreSQL tool as the server's user, its output (both streams) in `stdout`. Spawned
    /// and waited for directly: Foundation's `Process` can miss the exit of `runuser` once
    /// `pg_ctl` has left a daemon behind, and then waits forever.
    @discardableResult
    static func tool(_ name: String, _ arguments: [String]) throws -> CLI.Result {
        let path = "\(bin)/\(name)"
        let argv = asRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--", path] + arguments : [path] + arguments
        let log = "/tmp/circle-pgtool-\(getpid())-\(UUID().uuidString.prefix(8)).log"
        defer { unlink(log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ)
        guard spawned == 0 else { throw ServerError("cannot start \(argv[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return CLI.Result(status: code, stdout: output, stderr: output)
    }

    static func start() throws -> PostgresTestServer {
        guard FileManager.default.isExecutableFile(atPath: "\(bin)/initdb") else {
            throw ServerError("PostgreSQL 15 is missing (\(bin)/initdb): Scripts/install-deps.sh installs postgresql and postgresql-15-postgis-3")
        }
        removeAbandoned()
        let folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("\(prefix)\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        if asRoot {
            try FileManager.default.setAttributes([.ownerAccountName: "postgres", .posixPermissions: 0o700], ofItemAtPath: folder.path)
        }
        let data = folder.appendingPathComponent("data").path
        let r = try tool("initdb", ["-D", data, "-A", "trust", "-U", "circle", "--no-sync", "-E", "UTF8", "--locale=C"])
        guard r.status == 0 else { throw ServerError("initdb failed: \(r.stderr)") }
        var lastError = ""
        for _ in 0..<5 {
            let port = try freePort()
            let s = try tool("pg_ctl", ["-D", data, "-l", folder.appendingPathComponent("server.log").path, "-w", "-t", "60",
                                        "-o", "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off "
                                            + "-c synchronous_commit=off -c full_page_writes=off", "start"])
            if s.status == 0 { return PostgresTestServer(folder: folder, port: port) }
            lastError = s.stdout + s.stderr + ((try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? "")
        }
        try? FileManager.default.removeItem(at: folder)
        throw ServerError("pg_ctl could not start the test server: \(lastError)")
    }

    /// Stops the server at once and removes its folder.
    func stop() {
        _ = try? Self.tool("pg_ctl", ["-D", folder.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(at: folder)
    }

    /// Servers of test processes that are gone: stopped and removed.
    static func removeAbandoned() {
        let tmp = URL(fileURLWithPath: "/tmp")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? [] where name.hasPrefix(prefix) {
            let pidText = name.dropFirst(prefix.count).prefix { $0.isNumber }
            guard let pid = Int32(pidText), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            let data = tmp.appendingPathComponent(name).appendingPathComponent("data").path
            _ = try? tool("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"])
            try? FileManager.default.removeItem(at: tmp.appendingPathComponent(name))
        }
    }

    /// A loopback port nothing listens on now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError("socket() failed") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw ServerError("no free loopback port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// A new, empty database on the server, for one test.
    func createDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.prefix(8).lowercased()
        _ = try psql(url("postgres"), "CREATE DATABASE \(name)")
        return name
    }

    /// Rows of `sql` (tab-separated fields, one line a row; null as empty) through `psql`.
    func psql(_ url: String, _ sql: String) throws -> [[String]] {
        let r = try CLI.runTool("/usr/bin/psql", ["-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql, url])
        guard r.status == 0 else { throw ServerError("psql failed on \(sql): \(r.stderr)") }
        return r.stdout.split(separator: "\n", omittingEmptySubsequences: true).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }
}

struct ServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
