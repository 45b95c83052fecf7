import Foundation
import Testing
@testable import CircleSupport

/// Hex SHA-256 of a string's UTF-8 bytes through the raw-buffer API.
private func sha256Hex(of text: String) -> String {
    Array(text.utf8).withUnsafeBytes { SHA256.hex(SHA256.hash($0)) }
}

/// A deterministic pseudo-random byte sequence (SplitMix64), so failures reproduce.
private func pseudoRandomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    return (0 ..< count).map { _ in
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return UInt8(truncatingIfNeeded: z ^ (z >> 31))
    }
}

/// A fresh path in the temporary folder; the file is not created.
private func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
}

/// Runs `/usr/bin/sha256sum` on `path` and returns the hex digest it prints.
private func systemSHA256(ofFileAt path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: output, as: UTF8.self)
    return String(text.prefix(while: { $0 != " " }))
}

@Suite struct SHA256Tests {
    @Test func nistShortVectors() {
        #expect(sha256Hex(of: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(sha256Hex(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(sha256Hex(of: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(sha256Hex(of: "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
            == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func oneMillionA() {
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(SHA256.hex(million.withUnsafeBytes { SHA256.hash($0) }) == expected)
        // The same, fed 1000 bytes at a time.
        var hasher = SHA256()
        for start in stride(from: 0, to: million.count, by: 1000) {
            hasher.update(million[start ..< start + 1000])
        }
        #expect(SHA256.hex(hasher.finalize()) == expected)
    }

    @Test(arguments: [1, 55, 56, 63, 64, 65])
    func incrementalMatchesOneShot(split: Int) {
        let data = pseudoRandomBytes(1000, seed: UInt64(split))
        for total in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 129, 1000] {
            let message = Array(data[..<total])
            let oneShot = message.withUnsafeBytes { SHA256.hash($0) }
            var hasher = SHA256()
            var start = 0
            while start < total {
                let end = min(start + split, total)
                message[start ..< end].withUnsafeBytes { hasher.update($0) }
                start = end
            }
            #expect(hasher.finalize() == oneShot, "total \(total), split \(split)")
            // A split at `split` then the rest in one piece.
            var twoPart = SHA256()
            let cut = min(split, total)
            twoPart.update(message[..<cut])
            twoPart.update(message[cut...])
            #expect(twoPart.finalize() == oneShot, "two parts, total \(total), split \(split)")
        }
    }

    @Test func nonContiguousCollectionsHashLikeArrays() {
        let bytes = pseudoRandomBytes(3000, seed: 7)
        var lazy = SHA256()
        lazy.update(bytes.lazy.map { $0 })  // not contiguous: goes through the stack buffer
        #expect(lazy.finalize() == SHA256.hash(bytes))
        #expect(SHA256.hash("abc".utf8) == SHA256.hash([0x61, 0x62, 0x63] as [UInt8]))
    }

    @Test func digestShapeAndHex() {
        let digest = SHA256().finalize()
        #expect(digest.count == 32)
        #expect(SHA256.hex([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
        #expect(SHA256.hex([]) == "")
    }

    @Test func randomBufferMatchesSha256sum() throws {
        var generator = SystemRandomNumberGenerator()
        let buffer = (0 ..< 100_000).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }
        let path = temporaryPath("sha256-random")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(buffer).write(to: URL(fileURLWithPath: path))

        let expected = try systemSHA256(ofFileAt: path)
        #expect(expected.count == 64)
        #expect(SHA256.hex(buffer.withUnsafeBytes { SHA256.hash($0) }) == expected)
        #expect(try CircleSupport.sha256Hex(ofFileAt: path) == expected)
    }
}

@Suite struct FileDigestTests {
    @Test func multiChunkFileMatchesSha256sum() throws {
        // 2.5 MiB: two full 1 MiB chunks and a partial one.
        let buffer = pseudoRandomBytes(5 << 19, seed: 42)
        let path = temporaryPath("sha256-chunks")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(buffer).write(to: URL(fileURLWithPath: path))
        #expect(try CircleSupport.sha256Hex(ofFileAt: path) == systemSHA256(ofFileAt: path))
    }

    @Test func emptyFile() throws {
        let path = temporaryPath("sha256-empty")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(try CircleSupport.sha256Hex(ofFileAt: path)
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func missingFileThrowsNamingThePath() {
        let path = temporaryPath("no-such-file")
        let error = #expect(throws: FileDigestError.self) { try CircleSupport.sha256Hex(ofFileAt: path) }
        #expect(error?.path == path)
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("No such file") == true)
    }

    @Test func directoryThrowsNamingThePath() {
        let path = FileManager.default.temporaryDirectory.path
        let error = #expect(throws: FileDigestError.self) { try CircleSupport.sha256Hex(ofFileAt: path) }
        #expect(error?.description.contains(path) == true)
    }
}

/// The libcrypto-backed hasher: a copy forks the hash; parts written one after another.
@Suite struct SHA256ValueTests {
    @Test func copyForksTheHash() {
        var a = SHA256()
        a.update(Array("hello ".utf8))
        var b = a   // same prefix, then different tails
        a.update(Array("world".utf8))
        b.update(Array("there".utf8))
        #expect(SHA256.hex(a.finalize()) == sha256Hex(of: "hello world"))
        #expect(SHA256.hex(b.finalize()) == sha256Hex(of: "hello there"))
        #expect(sha256Hex(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func partsAreWrittenInOrder() throws {
        let path = temporaryPath("parts")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let parts: [[UInt8]] = [Array("id,x\n".utf8), [], Array("1,2\n".utf8), pseudoRandomBytes(100_000, seed: 9)]
        try PosixFile.write(parts: parts, to: path)
        #expect(FileManager.default.contents(atPath: path) == Data(parts.joined()))
        #expect(try CircleSupport.sha256Hex(ofFileAt: path) == systemSHA256(ofFileAt: path))
    }
}
