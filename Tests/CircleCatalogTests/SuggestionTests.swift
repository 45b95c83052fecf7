import CircleCatalog
import Testing

/// Suggestions for a facility type that names no item (issue 10 §3): English typos by edit
/// distance, Chinese names by the share of their character pairs found in an item's names.
@Suite struct SuggestionTests {
    let c: Catalog

    init() throws {
        c = try Catalog.builtin("pudong")
    }

    @Test(arguments: [
        ("社区食堂", "elderly_meal_point"), ("kindergarden", "kindergarten"), ("bus-stops", "bus_stop"),
        ("幼儿圆", "kindergarten"), ("菜市", "wet_market"), ("Pharmacie", "pharmacy"), ("metro statoin", "metro_station"),
    ])
    func closestItemComesFirst(name: String, id: String) {
        #expect(c.item(named: name) == nil, "\(name) is a known name")
        #expect(NameSuggestions.items(like: name, in: c).first?.id == id, "\(name): \(NameSuggestions.items(like: name, in: c).map(\.id))")
    }

    @Test func nothingLikeAnItemGetsNoSuggestion() {
        #expect(NameSuggestions.items(like: "teleporter", in: c).isEmpty)
        #expect(NameSuggestions.items(like: "火箭发射场", in: c).isEmpty)
    }

    @Test func atMostThreeBestFirst() {
        let like = NameSuggestions.items(like: "社区", in: c)
        #expect(like.count <= 3 && !like.isEmpty)
        #expect(NameSuggestions.similarity("社区食堂", "社区老年助餐点/长者食堂") > NameSuggestions.similarity("社区食堂", "社区公园"))
    }
}
