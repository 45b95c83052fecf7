import CircleCatalog
import Testing

@Suite struct LookupTests {
    let c: Catalog

    init() throws {
        c = try Catalog.builtin("pudong")
    }

    @Test(arguments: [
        ("幼儿园", "kindergarten"), ("kindergarten", "kindergarten"), (" Kindergarten ", "kindergarten"),
        ("小学", "primary_school"), ("Primary school", "primary_school"), ("primary-school", "primary_school"),
        ("初中", "junior_middle_school"), ("社区卫生服务中心", "community_health_center"),
        ("村卫生室", "community_health_station"), ("长者食堂", "elderly_meal_point"),
        ("Bus stop", "bus_stop"), ("BUS_STOP", "bus_stop"), ("地铁站", "metro_station"),
        ("托育", "childcare_point"), ("宝宝屋", "childcare_point"), ("ｐｈａｒｍａｃｙ", "pharmacy"),
        ("neighbourhood cultural room", "neighborhood_cultural_room"),
    ])
    func itemByName(name: String, id: String) {
        #expect(c.item(named: name)?.id == id)
    }

    @Test func unknownItem() {
        #expect(c.item(named: "hospital") == nil)
        #expect(c.item(named: "") == nil)
        #expect(c.item(named: "   ") == nil)
    }

    @Test(arguments: [
        ("城市化地区", "urban"), ("城市地区", "urban"), ("urbanized", "urban"), ("Urbanised", "urban"), ("urban", "urban"),
        ("城镇化拓展区", "expansion"), ("城镇化地区", "expansion"), ("urbanizing_expansion", "expansion"),
        ("Urbanizing expansion area", "expansion"), ("远郊地区", "remote"), ("远郊", "remote"),
        ("outer_suburban", "remote"), ("outer-suburban", "remote"), ("Outer suburban", "remote"),
    ])
    func areaClassByName(name: String, id: String) {
        #expect(c.areaClass(named: name)?.id == id)
    }

    @Test func unknownAreaClass() {
        #expect(c.areaClass(named: "rural") == nil)
        #expect(c.areaClass(named: "") == nil)
    }

    @Test(arguments: [
        ("居委", OriginKind.residential), ("居委会", .residential), ("居民委员会", .residential), ("社区", .residential),
        ("residential", .residential), ("Residents' committee", .residential), ("neighbourhood committee", .residential),
        ("村委", .village), ("村委会", .village), ("村民委员会", .village), ("村", .village), ("Village", .village),
        ("village committee", .village),
    ])
    func originKindByName(name: String, kind: OriginKind) {
        #expect(Catalog.originKind(named: name) == kind)
    }

    @Test func unknownOriginKind() {
        #expect(Catalog.originKind(named: "镇") == nil)
        #expect(Catalog.originKind(named: "") == nil)
    }

    @Test(arguments: [
        ("陆家嘴街道", "陆家嘴街道"), ("陆家嘴", "陆家嘴街道"), ("Lujiazui Subdistrict", "陆家嘴街道"), ("lujiazui", "陆家嘴街道"),
        ("川沙新镇", "川沙新镇"), ("川沙", "川沙新镇"), ("川沙镇", "川沙新镇"), ("Chuansha Town", "川沙新镇"),
        ("唐镇", "唐镇"), ("张江", "张江镇"), ("Zhangjiang", "张江镇"), ("潍坊", "潍坊新村街道"), ("潍坊新村", "潍坊新村街道"),
        ("浦兴街道", "浦兴路街道"), ("南汇新城", "南汇新城镇"), ("Nanhui New City", "南汇新城镇"), ("祝桥", "祝桥镇"),
    ])
    func subdistrictByName(name: String, zh: String) {
        #expect(c.subdistrict(named: name)?.nameZh == zh)
    }

    @Test func unknownSubdistrict() {
        #expect(c.subdistrict(named: "徐家汇街道") == nil)
        #expect(c.subdistrict(named: "") == nil)
    }

    @Test func domains() {
        #expect(c.domain("health")?.nameZh == "卫生")
        #expect(c.domain("养老")?.id == "elderly_care")
        #expect(c.domain("nope") == nil)
    }

    @Test func travelModeNames() {
        #expect(Catalog.travelMode(named: "步行") == .walk)
        #expect(Catalog.travelMode(named: "Cycling") == .cycle)
        #expect(Catalog.travelMode(named: "drive") == nil)
    }
}
