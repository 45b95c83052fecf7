import CircleOSM
import Foundation
import Testing

/// Bad OSM input gives one clear error naming the file; never a crash or a hang.
@Suite struct BadInputTests {
    func error(reading bytes: Data?, name: String) throws -> OSMError? {
        let dir = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(name).path
        if let bytes { try bytes.write(to: URL(fileURLWithPath: path)) }
        do {
            _ = try OSMData.read(path: path)
            return nil
        } catch let e as OSMError {
            #expect(e.path == path)
            return e
        }
    }

    @Test func missingFile() throws {
        #expect(try error(reading: nil, name: "absent.osm.pbf")?.problem == "no such file")
    }

    @Test func emptyFile() throws {
        #expect(try error(reading: Data(), name: "empty.osm.pbf")?.problem.contains("empty") == true)
    }

    @Test func notOSM() throws {
        let e = try error(reading: Data("id,lon,lat\n1,2,3\n".utf8), name: "points.osm.pbf")
        #expect(e?.problem.contains("not an OSM file") == true)
        let xml = try error(reading: Data("<html><body>hi</body></html>".utf8), name: "page.osm")
        #expect(xml != nil)
    }

    @Test func truncatedPBF() throws {
        let full = try Data(contentsOf: URL(fileURLWithPath: Fixtures.helsinki))
        for cut in [20, 200, full.count / 3, full.count - 5] {
            let e = try error(reading: full.prefix(cut), name: "cut.osm.pbf")
            #expect(e != nil, "cut at \(cut) was accepted")
        }
    }

    @Test func corruptPBF() throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: Fixtures.helsinki))
        var rng = SplitMix(seed: 3)
        for _ in 0..<200 { bytes[200 + Int(rng.next() % UInt64(bytes.count - 200))] = UInt8(truncatingIfNeeded: rng.next()) }
        #expect(try error(reading: bytes, name: "corrupt.osm.pbf") != nil)
    }

    @Test func truncatedXML() throws {
        let text = try String(contentsOfFile: Fixtures.osm("trunk"), encoding: .utf8)
        let e = try error(reading: Data(text.prefix(text.count / 2).utf8), name: "cut.osm")
        #expect(e != nil)
    }
}
