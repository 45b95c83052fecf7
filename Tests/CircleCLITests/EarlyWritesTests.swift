@testable import CircleCatalog
@testable import CircleEngine
import CircleSupport
import Foundation
import Testing

/// Output files written on threads of their own (``EarlyWrites``): a failed write stops the run at
/// ``EarlyWrites/finish()`` with the error naming the file, the others are in place.
@Suite struct EarlyWritesTests {
    @Test func aFailedWriteIsThrownByFinishNamingTheFile() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = try OutputFolder(destination: dir.appendingPathComponent("out").path)
        // A file where the folder `gaps` would go: writing gaps/x.geojson fails.
        _ = FileManager.default.createFile(atPath: output.staging.appendingPathComponent("gaps").path, contents: Data("x".utf8))
        let writes = EarlyWrites(output: output, clock: StageClock())
        writes.start { try writes.write([Piece(Array("a,b\n".utf8)), Piece(Array("1,2\n".utf8))], to: "fine.csv") }
        writes.start { try writes.write([Piece(Array("{}".utf8))], to: "gaps/x.geojson") }
        #expect(throws: (any Error).self) { try writes.finish() }
        do { try writes.finish() } catch {
            #expect("\(error)".contains("gaps"), "\(error)")
        }
        #expect(try String(contentsOf: output.staging.appendingPathComponent("fine.csv"), encoding: .utf8) == "a,b\n1,2\n")
    }

    /// ``CatalogLookup/subdistrict(_:)`` answers as ``Catalog/subdistrict(named:)`` for every
    /// spelling of every subdistrict of the built-in catalog, and for names it does not hold.
    @Test func subdistrictLookUpMatchesTheCatalogs() throws {
        let catalog = try Catalog.resolve("pudong")
        let lookup = CatalogLookup(catalog)
        var names = catalog.subdistricts.flatMap(\.names)
        names += names.map { " \($0.uppercased()) " } + names.map { String($0.dropLast()) } + ["", "nowhere", "镇", "S36"]
        // Loose spellings (陆家嘴 for 陆家嘴街道), each with a suffix of its own again.
        let loose = catalog.subdistricts.flatMap(\.names).map(CatalogNames.looseSubdistrictKey)
        names += loose + loose.map { $0 + "路" } + loose.map { $0 + " Town" }
        #expect(Set(names.compactMap { catalog.subdistrict(named: $0) }.map(\.nameZh)).count > 20)   // many loose hits
        #expect(!catalog.subdistricts.isEmpty)
        for name in names {
            #expect(lookup.subdistrict(name) == catalog.subdistrict(named: name), "\(name)")
        }
    }
}
