import CircleCoverage
import CircleGraph
import CircleSupport
import Foundation

/// Results of search units kept between runs (`--cache DIR`): per (item, mode) unit, a file of the
/// origins' times and one of the gap cells' (see ``ResultStores``),
/// named by the SHA-256 of everything its result depends on — the network (input SHA-256 and
/// rules), snapping and search parameters, the item's snapped facilities on that mode, and the
/// snapped points (origins and gap cells) of that mode. A rerun after a change to one item's
/// facilities recomputes only that item's units; an unchanged rerun runs no search.
///
/// Entries are versioned and checksummed (a corrupt one is recomputed and rewritten). Several runs
/// may use the folder at once — the shards of a run on several machines do: entries are named by
/// their content's inputs and written atomically, so two runs writing one entry write the same
/// bytes. Each run holds a shared `flock` on `.lock`; reading an entry marks it used, and after a
/// successful run the entries no run used for `--cache-keep-days` days are removed — only when
/// the run can take the lock exclusively, that is when no other run is using the folder.
final class SearchCache {
    let folder: URL
    /// The entries (the folder without its lock).
    let entries: EntryFolder
    private let lockDescriptor: Int32

    /// Opens (creating) the folder and takes a shared lock on it (waiting only while another run
    /// is evicting entries).
    init(folder path: String) throws {
        folder = URL(fileURLWithPath: path)
        entries = EntryFolder(folder, touchOnRead: true, durable: false)
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw AtomicWriteError(path: path, reason: "cannot create the cache folder: \(error.localizedDescription)")
        }
        let fd = open(folder.appendingPathComponent(".lock").path, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0, flock(fd, LOCK_SH) == 0 else {
            if fd >= 0 { close(fd) }
            throw AtomicWriteError(path: path, reason: "cannot lock the cache folder: \(String(cString: strerror(errno)))")
        }
        lockDescriptor = fd
    }

    deinit {
        flock(lockDescriptor, LOCK_UN)
        close(lockDescriptor)
    }

    /// The key of each unit, from a digest of the run-wide inputs, each mode's points (its
    /// origins' snaps, then the digest of its gap cells' snaps, ``cellDigests(_:)``) and each
    /// unit's facilities.
    static func keys(context: String, origins: [(mode: TravelMode, snap: SnappedPoint?)],
                     cellDigests: [TravelMode: [UInt8]],
                     facilities: [[TravelMode: [SnappedPoint]]]) -> [CoverageSearch.Unit: String] {
        let modeDigest = digests(origins, then: cellDigests)
        var keys: [CoverageSearch.Unit: String] = [:]
        for (item, byMode) in facilities.enumerated() {
            for mode in TravelMode.allCases {
                var w = BinaryWriter()
                w.write(bytes: Array(context.utf8))
                w.write(bytes: Array(mode.rawValue.utf8))
                w.write(bytes: modeDigest[mode]!)
                w.write(array: fields(byMode[mode] ?? []))
                keys[CoverageSearch.Unit(item: item, mode: mode)] = SHA256.hex(w.data.withUnsafeBytes { SHA256.hash($0) })
            }
        }
        return keys
    }

    /// Per mode, the SHA-256 of the gap cells' snaps of that mode (kept with the gap grid, so a
    /// rerun does not hash the cells again).
    static func cellDigests(_ cells: [(mode: TravelMode, snap: SnappedPoint?)]) -> [TravelMode: [UInt8]] {
        digests(cells, then: [:])
    }

    /// Per mode, the SHA-256 of that mode's points' fields followed by `then[mode]`'s bytes.
    static func digests(_ points: [(mode: TravelMode, snap: SnappedPoint?)],
                        then: [TravelMode: [UInt8]]) -> [TravelMode: [UInt8]] {
        var out: [TravelMode: [UInt8]] = [:]
        for mode in TravelMode.allCases {
            var w = BinaryWriter()
            w.write(array: fields(points.filter { $0.mode == mode }.map(\.snap)))
            if let extra = then[mode] { w.write(array: extra) }
            out[mode] = w.data.withUnsafeBytes { SHA256.hash($0) }
        }
        return out
    }

    /// Each point's edge, offset and access (all `UInt32.max` when unsnapped), one after another.
    static func fields(_ points: [SnappedPoint?]) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(points.count * 3)
        for p in points {
            out.append(p?.edge ?? .max)
            out.append(p?.offset ?? .max)
            out.append(p?.access ?? .max)
        }
        return out
    }

    /// What the cache holds: result entries, the input digests, and temporary files of writes.
    static let entrySuffixes: Set<String> = ["unit", "cells", "gap", "study", "layer", "nearest", "baseland",
                                                   RowMemo.suffix, GapFeatureCache.suffix]

    /// Removes the entries no run read or wrote for `days` days, and temporary files of writes
    /// killed midway (older than an hour). Returns how many files and bytes went.
    /// Nil when another run is using the folder (nothing is removed then).
    func prune(unusedFor days: Double) -> (files: Int, bytes: Int64)? {
        guard flock(lockDescriptor, LOCK_EX | LOCK_NB) == 0 else { return nil }
        let now = Date().timeIntervalSince1970
        var files = 0, bytes: Int64 = 0
        // Plain stat and unlink by path: a city's cache holds thousands of entries, and this runs
        // after every run.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            let suffix = name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]) } ?? ""
            let isEntry = Self.entrySuffixes.contains(suffix) && !name.hasPrefix(".")
            let isTemp = name.hasPrefix(".") && name.contains(".tmp-")
            guard isEntry || isTemp else { continue }
            let path = folder.path + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let age = now - (Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
            guard isEntry ? age > days * 86_400 : age > 3_600 else { continue }
            if unlink(path) == 0 {
                files += 1
                bytes += Int64(info.st_size)
            }
        }
        return (files, bytes)
    }
}
