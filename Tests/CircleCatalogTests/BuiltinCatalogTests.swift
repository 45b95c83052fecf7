import CircleCatalog
import CircleGraph
import Foundation
import Testing

@Suite struct BuiltinCatalogTests {
    /// The item ids of the research catalog (/work/shared/catalog/catalog.json, draft-1), in its
    /// order, without `x_user_defined` (a rule-less placeholder: X items are declared per catalog).
    static let researchIDs = [
        "kindergarten", "primary_school", "junior_middle_school", "community_school",
        "community_health_center", "community_health_station",
        "elderly_institution", "elderly_care_home", "elderly_day_care", "elderly_meal_point",
        "elderly_service_center", "elderly_activity_room",
        "community_cultural_center", "neighborhood_cultural_room", "library_branch", "cultural_square",
        "community_fitness_center", "fitness_station", "public_ball_court", "fitness_trail", "swimming_pool",
        "wet_market", "supermarket", "convenience_store", "community_commercial_center", "pharmacy",
        "community_park", "pocket_park", "public_square",
        "bus_stop", "metro_station", "bike_share_point",
        "childcare_point",
    ]

    @Test func loadsAndValidates() throws {
        let c = try Catalog.builtin("pudong")
        #expect(c.id == "pudong")
        #expect(c.problems().isEmpty)
        try c.validate()
        #expect(Catalog.builtinNames == ["pudong"])
        #expect(try Catalog.builtin(" PUDONG ") == c)
        #expect(try Catalog.resolve("pudong") == c)
        #expect(c.walkKmh == 4.0 && c.cycleKmh == 12.0 && c.reachMinutes == 15 && c.horizonMinutes == 30)
        #expect(c.metresPerMinute(.walk) > 66.6 && c.metresPerMinute(.walk) < 66.7)
    }

    @Test func twentyOneBasicItemsInFiveBasicDomains() throws {
        let c = try Catalog.builtin("pudong")
        #expect(c.basicItems.count == 21)
        #expect(c.domains(ofKind: .basic).map(\.id) == ["education", "health", "elderly_care", "culture", "sports"])
        #expect(Set(c.basicItems.map(\.domain)).count == 5)
        #expect(c.basicItems.map(\.id) == Array(Self.researchIDs.prefix(21)))
        #expect(c.domains(ofKind: .related).map(\.id) == ["commerce", "parks_green_space", "transport", "childcare"])
        #expect(c.items(inDomain: "childcare").map(\.id) == ["childcare_point"])
        #expect(c.domains(ofKind: .x).map(\.id) == ["x_local"])
        #expect(c.items(ofKind: .x).isEmpty)
        #expect(c.relatedItems.count == 12)
    }

    @Test func itemIDsAreTheResearchIDs() throws {
        let c = try Catalog.builtin("pudong")
        #expect(c.items.map(\.id) == Self.researchIDs)
        #expect(c.item(named: "x_user_defined") == nil)
        for item in c.items {
            #expect(Item.confidenceLevels.contains(item.confidence))
            #expect(item.reachMinutes == 15)
        }
        #expect(c.item(named: "community_school")?.confidence == "low")
    }

    @Test func thirtySixSubdistrictsTwelveUrban() throws {
        let c = try Catalog.builtin("pudong")
        #expect(c.subdistricts.count == 36)
        let byClass = Dictionary(grouping: c.subdistricts, by: \.areaClass).mapValues(\.count)
        #expect(byClass == ["urban": 12, "expansion": 16, "remote": 8])
        let urban = c.subdistricts.filter { $0.areaClass == "urban" }
        let towns = c.subdistricts.filter { $0.type == "镇" }
        #expect(urban.map(\.type) == Array(repeating: "街道", count: 12))
        #expect(urban.map(\.inferred) == Array(repeating: false, count: 12))
        #expect(towns.map(\.inferred) == Array(repeating: true, count: 24))
        #expect(c.subdistricts.map(\.xItems.count) == Array(repeating: 0, count: 36))
        #expect(c.subdistrict(named: "祝桥镇")?.areaClass == "remote")
        #expect(c.subdistrict(named: "新场镇")?.note?.contains("borderline") == true)
    }

    @Test func notesKeepTheCaveats() throws {
        let c = try Catalog.builtin("pudong")
        #expect(c.notes.contains { $0.contains("21 basic items was NOT found") })
        #expect(c.notes.contains { $0.contains("inference") })
        #expect(c.notes.contains { $0.contains("12 km/h is an assumption") })
    }

    @Test func modeTable() throws {
        let c = try Catalog.builtin("pudong")
        let expected: [(String, OriginKind, TravelMode)] = [
            ("urban", .residential, .walk), ("urban", .village, .walk),
            ("expansion", .residential, .walk), ("expansion", .village, .cycle),
            ("remote", .residential, .cycle), ("remote", .village, .cycle),
        ]
        for (cls, kind, mode) in expected {
            #expect(c.mode(areaClass: cls, kind: kind) == mode, "\(cls) \(kind)")
            #expect(c.areaClass(named: cls)?.mode(for: kind) == mode)
        }
        #expect(c.mode(areaClass: "城镇化拓展区", kind: Catalog.originKind(named: "村委")!) == .cycle)
        #expect(c.mode(areaClass: "远郊地区", kind: Catalog.originKind(named: "居委会")!) == .cycle)
        #expect(c.mode(areaClass: "nowhere", kind: .village) == nil)
        #expect(c.areaClasses == AreaClass.specDefaults.enumerated().map { i, cls in
            var cls = cls
            cls.note = c.areaClasses[i].note
            cls.source = c.areaClasses[i].source
            return cls
        })
    }

    @Test func xItemsApplyOnlyWhereChosen() throws {
        var c = try Catalog.builtin("pudong")
        c.items.append(Item(id: "science_lab", domain: "x_local", nameZh: "实验室", nameEn: "Laboratory",
                            osmTags: [try OSMTagRule(parsing: "amenity=research_institute")]))
        let zhangjiang = c.subdistricts.firstIndex { $0.nameZh == "张江镇" }!
        c.subdistricts[zhangjiang].xItems = ["science_lab", "library_branch"]
        try c.validate()
        #expect(c.items(for: c.subdistricts[zhangjiang]).count == 34)
        #expect(c.items(for: c.subdistrict(named: "花木")).count == 33)
        #expect(c.items(for: nil).last?.id == "childcare_point")
        #expect(c.xItems(for: c.subdistricts[zhangjiang]).map(\.id) == ["library_branch", "science_lab"])
    }

    /// The compiled-in catalog and Resources/pudong.json are the same document.
    @Test func embeddedCopyMatchesResourceFile() throws {
        let resource = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/CircleCatalog/Resources/pudong.json").standardized.path
        #expect(try Catalog.load(path: resource) == Catalog.builtin("pudong"))
    }

    @Test func jsonRoundTrip() throws {
        let c = try Catalog.builtin("pudong")
        let again = try Catalog.decode(c.jsonData(), file: "round-trip")
        #expect(again == c)
        let text = String(decoding: try c.jsonData(), as: UTF8.self)
        #expect(text.contains("\"format\" : \"servicecircle-catalog/1\"") || text.contains("\"format\":"))
    }
}
