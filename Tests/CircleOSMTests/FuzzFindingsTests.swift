import CircleOSM
import Foundation
import Testing

/// Inputs the fuzzer (Fuzz/, docs/fuzzing.md) found crashing the graph cache reader: each must now
/// be refused with an error. A file's first byte picks the path as in FuzzGraphCache: even, the
/// whole loader; odd, the payload decoder.
@Suite struct FuzzFindingsTests {
    static let folder = Fixtures.root.appendingPathComponent("Tests/Fixtures/fuzz/FuzzGraphCache")

    @Test func graphCacheFindingsAreErrors() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        #expect(files.count >= 2)
        for name in files {
            let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name)))
            let rest = Array(bytes.dropFirst())
            #expect(throws: OSMError.self, "\(name)") {
                if bytes[0] & 1 == 0 {
                    _ = try GraphCache.load(data: Data(rest), path: name, options: NetworkOptions())
                } else {
                    _ = try rest.withUnsafeBytes { try GraphCache.decodePayload($0, path: name) }
                }
            }
        }
    }
}
