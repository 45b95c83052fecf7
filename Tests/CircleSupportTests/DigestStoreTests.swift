import Foundation
import Testing
@testable import CircleSupport

/// Digests kept between runs are taken only for the very same file version.
@Suite(.serialized) struct DigestStoreTests {
    func key(_ path: String) -> String {
        var info = stat()
        _ = stat(path, &info)
        return DigestMemo.key(info)
    }

    @Test func storedDigestIsTakenUntilTheFileChanges() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("digests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("input.csv").path
        try Data("id,lon,lat\n1,121.5,31.2\n".utf8).write(to: URL(fileURLWithPath: file))
        // A store claiming another digest for exactly this file version is believed (nothing is read)…
        let claimed = String(repeating: "ab", count: 32)
        let store = dir.appendingPathComponent("digests.tsv").path
        try "\(key(file))\t\(claimed)\nbroken line\n".write(toFile: store, atomically: true, encoding: .utf8)
        DigestStore.load(from: store)
        #expect(try sha256Hex(ofFileAt: file) == claimed)
        // …and saved again as used.
        try DigestStore.save(to: store, settle: 3600)
        #expect(try String(contentsOfFile: store, encoding: .utf8).isEmpty)   // changed within the hour: not kept
        try DigestStore.save(to: store, settle: -1)
        #expect(try String(contentsOfFile: store, encoding: .utf8).contains("\(key(file))\t\(claimed)"))
        // Rewriting the file, even with the same size, gives it another version: it is read again.
        Thread.sleep(forTimeInterval: 0.05)   // past the file system's time granularity
        try Data("id,lon,lat\n2,121.5,31.2\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(try sha256Hex(ofFileAt: file) == SHA256.hex(SHA256.hash(Array("id,lon,lat\n2,121.5,31.2\n".utf8))))
    }
}
