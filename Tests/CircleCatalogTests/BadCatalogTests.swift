import CircleCatalog
import Foundation
import Testing

@Suite struct BadCatalogTests {
    /// A small valid catalog; `edit` changes its JSON text before it is written.
    static let minimal = """
        {
          "format": "servicecircle-catalog/1",
          "id": "mytown",
          "version": "1",
          "domains": [
            {"id": "education", "name_zh": "教育", "name_en": "Education", "kind": "basic"},
            {"id": "health", "name_zh": "卫生", "name_en": "Health", "kind": "basic"},
            {"id": "transport", "name_zh": "交通", "name_en": "Transport", "kind": "related"}
          ],
          "items": [
            {"id": "kindergarten", "domain": "education", "name_zh": "幼儿园", "name_en": "Kindergarten",
             "osm_tags": ["amenity=kindergarten"]},
            {"id": "clinic", "domain": "health", "name_zh": "卫生站", "name_en": "Clinic",
             "osm_tags": ["amenity=clinic;name~"], "name_regex": "卫生", "reach_minutes": 10},
            {"id": "bus_stop", "domain": "transport", "name_zh": "公交站", "name_en": "Bus stop",
             "osm_tags": ["highway=bus_stop"]}
          ],
          "subdistricts": [
            {"name_zh": "甲街道", "name_en": "Jia Subdistrict", "area_class": "城市化地区"},
            {"name_zh": "乙镇", "name_en": "Yi Town", "area_class": "remote", "x_items": ["bus_stop"]}
          ]
        }
        """

    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("catalog-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func minimalCatalogLoadsWithDefaults() throws {
        let c = try Catalog.load(path: try write(Self.minimal))
        #expect(c.basicItems.map(\.id) == ["kindergarten", "clinic"])
        #expect(c.item(named: "clinic")?.reachMinutes == 10)
        #expect(c.item(named: "bus_stop")?.reachMinutes == 15)
        #expect(c.areaClasses == AreaClass.specDefaults)
        #expect(c.subdistricts[0].areaClass == "urban")  // given by its Chinese name
        #expect(c.walkKmh == 4.0 && c.cycleKmh == 12.0 && c.horizonMinutes == 30)
        #expect(try Catalog.resolve(try write(Self.minimal)) == c)
    }

    /// The minimal example of docs/catalog.md loads, with its X item applying only to 乙镇.
    @Test func documentedExampleLoads() throws {
        let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/catalog.md").standardized.path
        let text = try String(contentsOfFile: doc, encoding: .utf8)
        let start = try #require(text.range(of: "```json\n"))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let c = try Catalog.load(path: try write(String(text[start.upperBound..<end.lowerBound])))
        #expect(c.items(for: c.subdistrict(named: "甲")).map(\.id) == ["kindergarten", "clinic", "bus_stop"])
        #expect(c.items(for: c.subdistrict(named: "Yi Town")).last?.id == "riverside_trail")
        #expect(c.mode(areaClass: c.subdistrict(named: "乙")!.areaClass, kind: .residential) == .cycle)
    }

    @Test(arguments: [
        // (replace this, with that, expected JSON path, expected problem)
        ("\"domain\": \"health\"", "\"domain\": \"helth\"", "items[1].domain",
         "unknown domain 'helth' (known: education, health, transport)"),
        ("\"id\": \"bus_stop\"", "\"id\": \"clinic\"", "items[2].id", "duplicate item id 'clinic' (also items[1])"),
        ("\"reach_minutes\": 10", "\"reach_minutes\": -5", "items[1].reach_minutes", "must be a positive number, not -5"),
        ("\"reach_minutes\": 10", "\"reach_minutes\": 45", "items[1].reach_minutes", "exceeds horizon_minutes 30"),
        ("\"area_class\": \"remote\"", "\"area_class\": \"suburb\"", "subdistricts[1].area_class",
         "unknown area class 'suburb' (known: urban, expansion, remote)"),
        ("[\"bus_stop\"]", "[\"bus\"]", "subdistricts[1].x_items[0]", "unknown item 'bus'"),
        ("\"kind\": \"related\"", "\"kind\": \"other\"", "domains[2].kind", "unknown kind 'other' (known: basic, related, x)"),
        ("\"reach_minutes\": 10", "\"reach_minutes\": \"ten\"", "items[1].reach_minutes", "expected a number, found a string"),
        (", \"name_regex\": \"卫生\"", "", "items[1].osm_tags[0]", "uses name~ but the item has no name_regex"),
        ("\"name_regex\": \"卫生\"", "\"name_regex\": \"卫生(\"", "items[1].name_regex", "not a valid regular expression"),
        ("\"amenity=kindergarten\"", "\"amenity\"", "items[0].osm_tags[0]", "is not key=value"),
        ("\"name_en\": \"Clinic\",", "", "items[1]", "missing field 'name_en'"),
        ("\"reach_minutes\": 10", "\"reach_minute\": 10", "items[1].reach_minute", "unknown field"),
        ("\"name_en\": \"Clinic\"", "\"name_en\": \"Kindergarten\"", "items[1].name_en",
         "name 'Kindergarten' is also a name of item 'kindergarten' (items[0])"),
        ("\"id\": \"mytown\"", "\"id\": \"My Town\"", "id", "is not an id"),
        ("\"version\": \"1\"", "\"version\": \"1\", \"walk_kmh\": 0", "walk_kmh", "must be a positive number, not 0"),
        ("servicecircle-catalog/1", "servicecircle-catalog/9", "format", "unsupported format"),
        ("\"name_zh\": \"乙镇\"", "\"name_zh\": \"甲街道\"", "subdistricts[1].name_zh", "duplicate subdistrict name"),
        ("\"kind\": \"related\"", "\"kind\": \"x\"", "", ""),  // an X domain may hold items: valid
    ])
    func preciseErrors(from: String, to: String, path: String, problem: String) throws {
        #expect(Self.minimal.contains(from), "fixture text not found: \(from)")
        let file = try write(Self.minimal.replacingOccurrences(of: from, with: to))
        if problem.isEmpty {
            _ = try Catalog.load(path: file)
            return
        }
        #expect {
            _ = try Catalog.load(path: file)
        } throws: { error in
            guard let e = error as? CatalogError else { return false }
            return e.file == file && e.path == path && e.problem.contains(problem)
                && e.description == "\(file): \(path): \(e.problem)"
        }
    }

    @Test func basicDomainWithoutItems() throws {
        let text = Self.minimal.replacingOccurrences(of: "\"domain\": \"health\"", with: "\"domain\": \"education\"")
        let file = try write(text)
        #expect(throws: CatalogError(file: file, path: "domains[1]", problem: "basic domain 'health' has no items")) {
            _ = try Catalog.load(path: file)
        }
    }

    @Test func malformedJSONNamesLineAndColumn() throws {
        let file = try write(Self.minimal.replacingOccurrences(of: "\"version\": \"1\",", with: "\"version\": \"1\""))
        #expect {
            _ = try Catalog.load(path: file)
        } throws: { error in
            guard let e = error as? CatalogError else { return false }
            return e.file == file && e.path.isEmpty && e.problem.hasPrefix("malformed JSON") && e.problem.contains("line 5")
        }
        let empty = try write("  \n")
        #expect(throws: CatalogError(file: empty, problem: "malformed JSON: the file is empty")) {
            _ = try Catalog.load(path: empty)
        }
        let list = try write("[1, 2]")
        #expect(throws: CatalogError(file: list, problem: "expected an object, found an array")) {
            _ = try Catalog.load(path: list)
        }
    }

    @Test func missingFileAndUnknownBuiltin() {
        #expect(throws: CatalogError(file: "/nonexistent/c.json", problem: "no such file")) {
            _ = try Catalog.load(path: "/nonexistent/c.json")
        }
        #expect(throws: CatalogError.self) { _ = try Catalog.resolve("/nonexistent/c.json") }
        #expect(throws: CatalogError(problem: "no built-in catalog 'paris' (built in: pudong)")) {
            _ = try Catalog.builtin("paris")
        }
        #expect(throws: CatalogError(file: "/tmp", problem: "is a directory, not a catalog file")) {
            _ = try Catalog.load(path: "/tmp")
        }
    }

    @Test func allProblemsAreListed() throws {
        var c = try Catalog.load(path: try write(Self.minimal))
        c.items[0].domain = "nope"
        c.items[2].reachMinutes = .nan
        c.subdistricts[0].areaClass = "nowhere"
        #expect(c.problems().map(\.path) == ["items[0].domain", "items[2].reach_minutes", "domains[0]",
                                             "subdistricts[0].area_class"])
        #expect(throws: CatalogError.self) { try c.validate() }
    }
}
