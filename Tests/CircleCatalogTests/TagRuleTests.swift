import CircleCatalog
import Testing

@Suite struct TagRuleTests {
    func rule(_ text: String) throws -> OSMTagRule { try OSMTagRule(parsing: text) }

    @Test func keyEqualsValue() throws {
        let r = try rule("amenity=kindergarten")
        #expect(r.matches(["amenity": "kindergarten", "name": "阳光幼儿园"]))
        #expect(!r.matches(["amenity": "school"]))
        #expect(!r.matches([:]))
        #expect(r.terms == [.equals(key: "amenity", values: ["kindergarten"])])
    }

    @Test func keyAnyValue() throws {
        let r = try rule("shop=*")
        #expect(r.matches(["shop": "convenience"]))
        #expect(!r.matches(["amenity": "cafe"]))
    }

    @Test func conjunction() throws {
        let r = try rule(" amenity=school ; isced:level=1 ")
        #expect(r.matches(["amenity": "school", "isced:level": "1"]))
        #expect(r.matches(["amenity": "school", "isced:level": "1;2"]))  // multi-valued OSM value
        #expect(!r.matches(["amenity": "school"]))
        #expect(!r.matches(["isced:level": "1"]))
        #expect(r.description == "amenity=school;isced:level=1")
    }

    @Test func alternativesAndNegation() throws {
        let r = try rule("leisure=swimming_pool;access!=private|customers")
        #expect(r.matches(["leisure": "swimming_pool"]))
        #expect(r.matches(["leisure": "swimming_pool", "access": "yes"]))
        #expect(!r.matches(["leisure": "swimming_pool", "access": "customers"]))
        let absent = try rule("highway=bus_stop;disused!=*")
        #expect(absent.matches(["highway": "bus_stop"]))
        #expect(!absent.matches(["highway": "bus_stop", "disused": "yes"]))
        #expect(try rule("sport=soccer|basketball").matches(["sport": "basketball"]))
    }

    @Test func nameTermNeedsTheItemPattern() throws {
        let r = try rule("amenity=school;name~")
        #expect(r.requiresName)
        #expect(r.matches(["amenity": "school"]))  // tag terms only
        let primary = try Catalog.builtin("pudong").item(named: "primary_school")!
        #expect(primary.matches(tags: ["amenity": "school", "name": "浦东新区明珠小学"]))
        #expect(primary.matches(tags: ["amenity": "school", "isced:level": "1"]))
        #expect(!primary.matches(tags: ["amenity": "school", "name": "建平中学"]))
        #expect(!primary.matches(tags: ["amenity": "school"]))
    }

    @Test(arguments: ["", "amenity", "amenity=", "=school", "amenity=school;;", "name~小学", "ref~1", "a=x|", "a=*|b"])
    func badSyntax(text: String) {
        #expect(throws: OSMTagRule.SyntaxError.self) { _ = try OSMTagRule(parsing: text) }
    }

    @Test func matcherOverThePudongCatalog() throws {
        let c = try Catalog.builtin("pudong")
        let m = try FacilityMatcher(catalog: c)
        #expect(m.itemIDs(matching: ["amenity": "kindergarten", "name": "金杨幼儿园"]) == ["kindergarten"])
        // A 托育 point tagged as a kindergarten is childcare, not a kindergarten (exclude_name_regex).
        #expect(m.itemIDs(matching: ["amenity": "kindergarten", "name": "金杨宝宝屋"]) == ["childcare_point"])
        #expect(m.itemIDs(matching: ["amenity": "school", "name:zh": "进才实验中学(九年一贯制)"])
            == ["primary_school", "junior_middle_school"])
        #expect(m.itemIDs(matching: ["amenity": "school", "name": "建平高级中学"]).isEmpty)
        #expect(m.itemIDs(matching: ["amenity": "clinic", "name": "花木社区卫生服务中心"]) == ["community_health_center"])
        #expect(m.itemIDs(matching: ["amenity": "hospital", "name": "仁济医院"]).isEmpty)
        #expect(m.itemIDs(matching: ["highway": "bus_stop"]) == ["bus_stop"])
        #expect(m.matches(item: "convenience_store", tags: ["shop": "convenience"]))
        #expect(!m.matches(item: "no_such_item", tags: ["shop": "convenience"]))
        let nursing = ["amenity": "social_facility", "social_facility": "nursing_home", "name": "塘桥长者照护之家"]
        #expect(!m.matches(item: "elderly_institution", tags: nursing))
    }
}
