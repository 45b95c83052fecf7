import Foundation
import Testing

/// Outputs and history agree under concurrency and under a kill at the worst moment (issue 10 §2):
/// one writer per output folder, the folder never missing to a reader, the history waiting for
/// its lock, and a run killed between publishing and recording resolved on the next start.
@Suite(.serialized) struct ConcurrentRunTests {
    func arguments(_ out: URL, _ history: String, _ extra: [String] = []) -> [String] {
        ["analyze", "--network", CLI.helsinki,
         "--origins", AnalyzeTests.geodata.appendingPathComponent("test-origins.csv").path,
         "--facilities", AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path,
         "--items", "kindergarten,bus_stop,supermarket", "--gap-cell", "100", "--out", out.path, "--history", history, "--quiet"] + extra
    }

    func start(_ args: [String], environment: [String: String] = [:]) throws -> (Process, Pipe) {
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = args
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, b in b } }
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        return (p, err)
    }

    func statuses(_ db: String) throws -> [String] {
        let h = try CLI.run(["history", "--db", db])
        #expect(h.status == 0, "\(h.stderr)")
        return h.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[2]) }   // under the header
    }

    @Test func concurrentRunsOnOneFolderAllSucceedAndTheFolderIsNeverMissing() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run"), db = dir.appendingPathComponent("h.sqlite").path
        #expect(try CLI.run(arguments(out, db)).status == 0)
        // A reader polls the folder while three rounds of two runs at once replace it.
        let stop = ManagedFlag()
        let missing = ManagedCounter(), polls = ManagedCounter()
        let reader = Thread {
            while !stop.isSet {
                polls.add()
                if !FileManager.default.fileExists(atPath: out.appendingPathComponent("run.json").path) { missing.add() }
            }
        }
        reader.start()
        for _ in 0..<3 {
            let runs = try (0..<2).map { _ in try start(arguments(out, db)) }
            for (p, err) in runs {
                let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                p.waitUntilExit()
                #expect(p.terminationStatus == 0, "\(text)")
            }
        }
        stop.set()
        while !reader.isFinished { usleep(1000) }
        #expect(missing.value == 0, "the output folder was missing \(missing.value) times in \(polls.value) polls")
        #expect(polls.value > 100)
        #expect(try statuses(db) == Array(repeating: "ok", count: 7))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".partial-") || $0.contains(".previous-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func aRunWaitsForTheHolderOrWithNoWaitNamesIt() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run"), db = dir.appendingPathComponent("h.sqlite").path
        // This test holds the folder's lock as another run would.
        let fd = open(dir.appendingPathComponent(".run.lock").path, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        _ = "pid 4242 on testhost, started now\n".withCString { write(fd, $0, strlen($0)) }
        let refused = try CLI.run(arguments(out, db, ["--no-wait"]))
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("another run is writing this output folder (pid 4242 on testhost, started now)"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))

        let (waiting, err) = try start(arguments(out, db).filter { $0 != "--quiet" })
        usleep(1_500_000)
        #expect(waiting.isRunning, "the run did not wait for the lock")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        flock(fd, LOCK_UN)
        close(fd)
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 0, "\(text)")
        #expect(text.contains("waiting: another run is writing the output folder (pid 4242 on testhost"), "\(text)")
        #expect(try statuses(db) == ["failed", "ok"])
    }

    @Test func aRunKilledAroundPublishingLeavesOutputsAndHistoryAgreeing() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run"), db = dir.appendingPathComponent("h.sqlite").path
        #expect(try CLI.run(arguments(out, db)).status == 0)
        func runId() throws -> String {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("run.json"))) as! [String: Any]
            return json["runId"] as! String
        }
        let first = try runId()

        // Killed after the outputs were put in place, before the history heard of it: the run counts.
        let (p1, _) = try start(arguments(out, db), environment: ["CIRCLE_FAULT": "after-publish"])
        p1.waitUntilExit()
        #expect(p1.terminationReason == .uncaughtSignal)
        #expect(try runId() != first, "the killed run's outputs should be in place")
        #expect(try statuses(db) == ["ok", "ok"], "circle history resolves the published run")

        // Killed just before publishing: the outputs stay, and the run is recorded as failed by the next run.
        let published = try runId()
        let (p2, _) = try start(arguments(out, db), environment: ["CIRCLE_FAULT": "before-publish"])
        p2.waitUntilExit()
        #expect(p2.terminationReason == .uncaughtSignal)
        #expect(try runId() == published)
        #expect(try CLI.run(arguments(out, db)).status == 0)
        #expect(try statuses(db) == ["ok", "ok", "failed", "ok"])
        let h = try CLI.run(["history", "--db", db])
        #expect(h.stdout.contains("stopped while its outputs were being published"), "\(h.stdout)")
    }
}

/// Tiny thread-safe helpers for the polling reader.
final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    var isSet: Bool { lock.withLock { flag } }
    func set() { lock.withLock { flag = true } }
}

final class ManagedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}
