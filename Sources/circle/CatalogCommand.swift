import ArgumentParser
import CircleCatalog
import Foundation

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Print a facility catalog, or validate a custom one.",
        discussion: """
            Examples:
              circle catalog                       # the built-in pudong catalog as a table
              circle catalog --catalog mine.json   # validate a custom catalog (errors name the JSON path)
              circle catalog --json > mine.json    # start a custom catalog from the built-in one
            """)

    @Option(name: .long, help: "'pudong' or a catalog JSON file.")
    var catalog: String = "pudong"

    @Flag(name: .long, help: "Print the catalog as JSON.")
    var json = false

    func run() throws {
        let c = try Catalog.resolve(catalog)
        if json {
            print(String(decoding: try c.jsonData(), as: UTF8.self))
            return
        }
        print("catalog \(c.id) \(c.version): \(c.items.count) items, \(c.basicItems.count) basic; walk \(c.walkKmh) km/h, "
              + "cycle \(c.cycleKmh) km/h, horizon \(c.horizonMinutes) min")
        for d in c.domains {
            print("\n\(d.nameZh) \(d.nameEn) [\(d.id), \(d.kind.rawValue)]")
            for item in c.items(inDomain: d.id) {
                print("  \(item.id.padding(toLength: 30, withPad: " ", startingAt: 0)) \(item.nameZh) / \(item.nameEn)"
                      + "  reach \(item.reachMinutes) min, confidence \(item.confidence)")
            }
        }
        print("\narea classes:")
        for a in c.areaClasses {
            print("  \(a.id.padding(toLength: 10, withPad: " ", startingAt: 0)) \(a.nameZh) / \(a.nameEn): "
                  + "居委 \(a.residentialMode.rawValue), 村委 \(a.villageMode.rawValue)")
        }
        print("\nsubdistricts: \(c.subdistricts.count) (\(c.subdistricts.filter(\.inferred).count) with an inferred area class)")
        for note in c.notes { print("note: \(note)") }
    }
}
