import Foundation

/// Why a folder (or file) may not receive outputs; the run stops before anything is written.
public struct OutputPlaceError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { path.isEmpty ? reason : "\(path): \(reason)" }
}

/// A path the outputs must never replace or contain: an input file, the cache, the history.
public struct ProtectedPath: Sendable {
    /// What it is, for the message: "the origins file", "the cache folder".
    public var role: String
    public var path: String
    public init(_ role: String, _ path: String) {
        self.role = role
        self.path = path
    }
}

/// The rule for what `--out` may replace (docs/outputs.md): a folder is replaced only when it is
/// new, empty, or a previous ServiceCircle output (it holds `run.json` or a shard's `shard.json`
/// written by this tool); never `/`, the home folder, the current folder or a folder above it, nor
/// a folder that is, holds or lies inside an input, the cache or the history.
public enum OutputPlace {
    /// The files that mark a folder as ours, with a key each must hold.
    static let markers: [(file: String, key: String)] = [("run.json", "runFingerprint"), ("shard.json", "shard")]

    /// The absolute path with symbolic links of the existing part resolved, "." and ".." removed.
    public static func resolved(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var existing = url, rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var real = existing.path
        if let p = realpath(existing.path, nil) {
            real = String(cString: p)
            free(p)
        }
        for part in rest { real = (real == "/" ? "" : real) + "/" + part }
        return real
    }

    /// Whether `inner` is `outer` or lies below it (both resolved).
    static func contains(_ outer: String, _ inner: String) -> Bool {
        outer == "/" || inner == outer || inner.hasPrefix(outer + "/")
    }

    /// Checks that `path` may be replaced by an output folder; `option` names where it came from
    /// ("--out", "out: in job.yaml").
    ///
    /// - Throws: ``OutputPlaceError`` naming the path and why not.
    public static func checkFolder(_ path: String, option: String = "--out", protected: [ProtectedPath]) throws {
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw OutputPlaceError(path: "", reason: "\(option) is empty: name a folder for the outputs; nothing was written")
        }
        let dest = resolved(path)
        func refuse(_ why: String) -> OutputPlaceError {
            OutputPlaceError(path: path == dest ? path : "\(path) (\(dest))", reason: "\(option) \(why); nothing was written")
        }
        if dest == "/" { throw refuse("is the root folder, which is never replaced") }
        for home in [NSHomeDirectory(), ProcessInfo.processInfo.environment["HOME"]].compactMap({ $0 }) where !home.isEmpty {
            if contains(dest, resolved(home)) { throw refuse("is the home folder \(home) or above it, which is never replaced") }
        }
        let cwd = resolved(FileManager.default.currentDirectoryPath)
        if contains(dest, cwd) { throw refuse("is the current folder or above it, which is never replaced: name a subfolder") }
        for p in protected {
            let other = resolved(p.path)
            if contains(dest, other) { throw refuse("is or holds \(p.role) \(p.path), which is never replaced") }
            if contains(other, dest) { throw refuse("lies inside \(p.role) \(p.path)") }
        }
        var isDir: ObjCBool = false
        if let attrs = try? FileManager.default.attributesOfItem(atPath: path),
           attrs[.type] as? FileAttributeType == .typeSymbolicLink {
            throw refuse("is a symbolic link: name the folder itself")
        }
        guard FileManager.default.fileExists(atPath: dest, isDirectory: &isDir) else { return }
        guard isDir.boolValue else { throw refuse("exists and is a file, not a folder") }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: dest)) ?? []
        if entries.isEmpty || isOurs(dest) { return }
        throw refuse("exists and is not a ServiceCircle output folder (no run.json of ours in it), so it would be lost: "
                     + "name a new or empty folder, or remove it yourself")
    }

    /// Whether `folder` holds outputs this tool wrote (its `run.json`, or a shard's `shard.json`).
    public static func isOurs(_ folder: String) -> Bool {
        for m in markers {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(m.file)
            if let data = try? Data(contentsOf: url),
               let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
               json["schemaVersion"] != nil || json["format"] != nil, json[m.key] != nil {
                return true
            }
        }
        return false
    }
}
