import CircleSupport
import Foundation

/// The shards of one run found in a parts folder, checked to be complete, of one run, and made
/// from the inputs as they are now.
struct ShardSet {
    let manifests: [ShardManifest]
    let folders: [EntryFolder]

    /// Reads `PARTS/shard-K-of-N/shard.json` and picks the newest run's shards: all N present,
    /// all with the same fingerprint.
    static func read(parts: String) throws -> ShardSet {
        let root = URL(fileURLWithPath: parts)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parts, isDirectory: &isDir), isDir.boolValue else {
            throw MergeError.noParts(folder: parts, reason: "no such folder")
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: parts)) ?? [])
            .filter { $0.hasPrefix("shard-") && !$0.hasPrefix(".") }.sorted()
        var found: [(ShardManifest, URL)] = []
        for name in names {
            let folder = root.appendingPathComponent(name)
            let file = folder.appendingPathComponent(ShardManifest.fileName)
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            let manifest: ShardManifest
            do { manifest = try JSONDecoder().decode(ShardManifest.self, from: data) } catch {
                throw MergeError.badManifest(path: file.path, reason: "\(error)")
            }
            guard manifest.format == ShardManifest.formatName else {
                throw MergeError.badManifest(path: file.path, reason: "format '\(manifest.format)', expected '\(ShardManifest.formatName)'")
            }
            guard name == "shard-\(manifest.shard)-of-\(manifest.shards)" else {
                throw MergeError.badManifest(path: file.path, reason: "it describes shard \(manifest.spec) but lies in \(name)")
            }
            found.append((manifest, folder))
        }
        guard let newest = found.max(by: { $0.0.startedAt < $1.0.startedAt })?.0 else {
            throw MergeError.noParts(folder: parts, reason: "no shard results (no shard-K-of-N/shard.json)")
        }
        let n = newest.shards
        let mine = found.filter { $0.0.shards == n }
        var manifests: [ShardManifest] = [], folders: [EntryFolder] = []
        for k in 1...n {
            guard let (m, url) = mine.first(where: { $0.0.shard == k }) else {
                let present = mine.map(\.0.spec).sorted().joined(separator: ", ")
                throw MergeError.missingShard(folder: parts, shard: "\(k)/\(n)", others: present.isEmpty ? "none" : present)
            }
            guard m.runFingerprint == newest.runFingerprint, m.options == newest.options else {
                let stale = mine.filter { $0.0.runFingerprint != newest.runFingerprint || $0.0.options != newest.options }
                    .map { "\($0.0.spec) (started \($0.0.startedAt))" }.sorted().joined(separator: ", ")
                throw MergeError.mixedRuns(folder: parts, detail: "shard \(newest.spec) (started \(newest.startedAt)) and "
                                           + "\(stale) differ in inputs or options")
            }
            manifests.append(m)
            folders.append(EntryFolder(url))
        }
        return ShardSet(manifests: manifests, folders: folders)
    }

    /// The inputs whose content differs from what the shards read, as "path (role)".
    func changedInputs() -> [String] {
        manifests[0].inputs.compactMap { input in
            guard let recorded = input.sha256, input.bytes != nil else { return nil }
            let now = try? sha256Hex(ofFileAt: input.path)
            return now == recorded ? nil : "\(input.path) (\(input.role))\(now == nil ? " is gone" : "")"
        }
    }
}

extension Analysis {
    /// `circle merge`: combines the complete shards in `parts` into the run's outputs — the same
    /// files, byte for byte, as one process running the whole job would write (`run.json` apart).
    /// Relative paths of the shards' options resolve against the folder the shards ran in.
    ///
    /// - Parameters:
    ///   - out, history: override the shards' `out` and `history` (relative to the current folder).
    ///   - skipUnchanged: stop with ``NothingChanged`` when the outputs already come from these inputs.
    ///   - wait: when another run writes the output folder, wait for it (else stop naming it).
    ///   - job: the job's options when merging for a job file (`circle run JOB --merge`): the
    ///     shards must have run this job as it is now.
    public static func merge(parts: String, out: String? = nil, history: String? = nil, skipUnchanged: Bool? = nil,
                             job: AnalysisOptions? = nil, wait: Bool = true, log: StageLog) async throws -> AnalysisResult {
        let started = Date()
        let set = try ShardSet.read(parts: parts)
        let first = set.manifests[0]
        if let job, RunFingerprint.deciding(job) != RunFingerprint.deciding(first.options) {
            throw MergeError.otherJob(folder: parts)
        }
        var options = first.options
        let here = FileManager.default.currentDirectoryPath
        // An empty path stays empty, so that the output check can say so (it must not become "here").
        func absolute(_ path: String) -> String { path.hasPrefix("/") || path.isEmpty ? path : here + "/" + path }
        if let out {
            options.out = absolute(out)
            options.jobFile = nil   // errors about the output folder then name --out
        }
        if let history { options.history = absolute(history) }
        if let skipUnchanged { options.skipUnchanged = skipUnchanged }
        options.wait = wait
        // Every result comes from the shards (or the cache, under the same keys); the cache also
        // gives the gap grid.
        if first.workingDirectory != here {
            guard FileManager.default.changeCurrentDirectoryPath(first.workingDirectory) else {
                throw MergeError.noParts(folder: parts, reason: "the shards ran in \(first.workingDirectory), which this "
                                         + "machine lacks; their relative paths resolve against it")
            }
        }
        defer { _ = FileManager.default.changeCurrentDirectoryPath(here) }
        log.stage("merging \(set.manifests.count) shards from \(parts)")
        do {
            let now = try RunFingerprint.of(options)
            if now != first.runFingerprint {
                let changed = set.changedInputs()
                throw MergeError.inputsChanged(folder: parts, detail: changed.isEmpty ? "other inputs or tool version"
                                               : "changed: " + changed.joined(separator: ", "))
            }
            var run = try AnalysisRun(options: options, log: log, role: .merge(set.manifests, folders: set.folders))
            return try await run.execute()
        } catch {
            record(error, options: options, started: started)
            throw error
        }
    }

    /// One shard of a run (`--shard K/N`): its searches and gap maps, written to `PARTS/shard-K-of-N/`.
    public static func shard(_ options: AnalysisOptions, spec: ShardSpec, log: StageLog) async throws -> ShardResult {
        let started = Date()
        do {
            var run = try AnalysisRun(options: options, log: log, role: .shard(spec))
            return try await run.executeShard(spec)
        } catch {
            if !(error is NothingChanged) { record(error, options: options, started: started, prefix: "shard \(spec): ") }
            throw error
        }
    }
}
