import Foundation

/// Recognises catalog items in OpenStreetMap features, with each item's patterns compiled once.
///
/// A feature is an item when its names do not match the item's `exclude_name_regex`, and some rule
/// of the item's `osm_tags` matches its tags, where a rule containing `name~`, or any rule of an
/// item with `require_name_match`, also needs one of the feature's names (``nameKeys``) to match
/// the item's `name_regex`. A feature may be several items (a 九年一贯制 school is both a primary
/// and a junior middle school).
public struct FacilityMatcher: Sendable {
    /// The tags whose values are a feature's names.
    public static let nameKeys = ["name", "name:zh", "name:zh-Hans", "name:zh-CN", "official_name", "alt_name"]

    private struct Compiled: Sendable {
        var id: String
        var rules: [OSMTagRule]
        var requireName: Bool
        var name: NSRegularExpression?
        var exclude: NSRegularExpression?
    }

    private let compiled: [Compiled]

    /// A matcher for the items of a catalog (in catalog order).
    /// - Throws: ``CatalogError`` when a pattern does not compile (a validated catalog never fails).
    public init(catalog: Catalog) throws {
        try self.init(items: catalog.items)
    }

    /// A matcher for the given items.
    /// - Throws: ``CatalogError`` when a pattern does not compile.
    public init(items: [Item]) throws {
        func compile(_ pattern: String?, _ path: String) throws -> NSRegularExpression? {
            guard let pattern else { return nil }
            do {
                return try NSRegularExpression(pattern: pattern)
            } catch {
                throw CatalogError(path: path, problem: "'\(pattern)' is not a valid regular expression")
            }
        }
        compiled = try items.enumerated().map { i, item in
            Compiled(id: item.id, rules: item.osmTags, requireName: item.requireNameMatch,
                     name: try compile(item.nameRegex, "items[\(i)].name_regex"),
                     exclude: try compile(item.excludeNameRegex, "items[\(i)].exclude_name_regex"))
        }
    }

    /// The ids of the items the feature with these tags is, in catalog order.
    public func itemIDs(matching tags: [String: String]) -> [String] {
        let names = Self.names(tags)
        return compiled.filter { Self.matches($0, tags: tags, names: names) }.map(\.id)
    }

    /// Whether the feature with these tags is the item `id` (false for an unknown id).
    public func matches(item id: String, tags: [String: String]) -> Bool {
        guard let c = compiled.first(where: { $0.id == id }) else { return false }
        return Self.matches(c, tags: tags, names: Self.names(tags))
    }

    private static func names(_ tags: [String: String]) -> [String] {
        nameKeys.compactMap { tags[$0] }.filter { !$0.isEmpty }
    }

    private static func matches(_ c: Compiled, tags: [String: String], names: [String]) -> Bool {
        if let exclude = c.exclude, names.contains(where: { found(exclude, in: $0) }) { return false }
        var nameMatch: Bool?
        for rule in c.rules where rule.matches(tags) {
            guard c.requireName || rule.requiresName else { return true }
            if nameMatch == nil {
                nameMatch = c.name.map { regex in names.contains { found(regex, in: $0) } } ?? false
            }
            if nameMatch == true { return true }
        }
        return false
    }

    private static func found(_ regex: NSRegularExpression, in text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

extension Item {
    /// Whether a feature with these tags is this item (see ``FacilityMatcher``). Compiles the
    /// item's patterns on every call: use a ``FacilityMatcher`` for many features. An invalid
    /// pattern matches nothing.
    public func matches(tags: [String: String]) -> Bool {
        (try? FacilityMatcher(items: [self]))?.matches(item: id, tags: tags) ?? false
    }
}
