import CircleGraph

/// What a domain counts towards (SPEC §1): the basic score, the related domains, or X.
public enum DomainKind: String, Sendable, Codable, CaseIterable {
    /// One of the basic domains; their items make the basic score and the 缺项 count.
    case basic
    /// A related domain (commerce, parks, transport, …), reported but not in the basic score.
    case related
    /// Local characteristic facilities; an item of such a domain applies only to the subdistricts
    /// that list it in their `x_items`.
    case x
}

/// A group of items, such as 教育 (education).
public struct Domain: Sendable, Codable, Equatable {
    /// Stable identifier (lowercase letters, digits, `_`, `-`), e.g. `education`.
    public var id: String
    /// Chinese name, e.g. 教育.
    public var nameZh: String
    /// English name, e.g. Education.
    public var nameEn: String
    /// Basic, related or X.
    public var kind: DomainKind
    /// Free-text remark.
    public var note: String?
    /// Where the domain comes from (URLs or references).
    public var source: String?

    /// A domain from its fields.
    public init(id: String, nameZh: String, nameEn: String, kind: DomainKind, note: String? = nil, source: String? = nil) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.kind = kind
        self.note = note
        self.source = source
    }
}

/// A facility type of the catalog, such as `kindergarten`, and how to recognise it in OSM data.
public struct Item: Sendable, Codable, Equatable {
    /// Stable identifier (lowercase letters, digits, `_`, `-`): used in output files and file names.
    public var id: String
    /// The id of the item's domain.
    public var domain: String
    /// Chinese name, e.g. 幼儿园.
    public var nameZh: String
    /// English name, e.g. Kindergarten.
    public var nameEn: String
    /// Further names accepted wherever an item is named (facility `type` columns, options).
    public var aliases: [String]
    /// Minutes within which the item must be reachable (the catalog's `reach_minutes` by default).
    public var reachMinutes: Double
    /// Tag rules; a feature is the item when any rule matches (a disjunction).
    public var osmTags: [OSMTagRule]
    /// Pattern (ICU regular expression, unanchored) for Chinese names, used by `name~` terms and by
    /// ``requireNameMatch``.
    public var nameRegex: String?
    /// Pattern whose match on a feature's name rules the item out, e.g. 托育 for kindergartens.
    public var excludeNameRegex: String?
    /// When true, every rule behaves as if it ended in `name~`.
    public var requireNameMatch: Bool
    /// `high`, `medium`, `low` or `n/a`: how sure the catalog is that the item belongs.
    public var confidence: String
    /// Free-text remark (caveats, policy options).
    public var note: String?
    /// Where the item comes from.
    public var source: String?
    /// Finer reach target from planning standards (minutes), for optional stricter scoring only.
    public var refMinutes: Double?
    /// Finer service radius from planning standards (metres), for reference only.
    public var refRadiusM: Double?

    /// An item from its fields; optional ones default to empty or absent.
    public init(id: String, domain: String, nameZh: String, nameEn: String, aliases: [String] = [],
                reachMinutes: Double = 15, osmTags: [OSMTagRule] = [], nameRegex: String? = nil,
                excludeNameRegex: String? = nil, requireNameMatch: Bool = false, confidence: String = "n/a",
                note: String? = nil, source: String? = nil, refMinutes: Double? = nil, refRadiusM: Double? = nil) {
        self.id = id
        self.domain = domain
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.aliases = aliases
        self.reachMinutes = reachMinutes
        self.osmTags = osmTags
        self.nameRegex = nameRegex
        self.excludeNameRegex = excludeNameRegex
        self.requireNameMatch = requireNameMatch
        self.confidence = confidence
        self.note = note
        self.source = source
        self.refMinutes = refMinutes
        self.refRadiusM = refRadiusM
    }

    /// The id, both names and the aliases: every name by which the item can be looked up.
    public var names: [String] { [id, nameZh, nameEn] + aliases }

    /// The accepted values of ``confidence``.
    public static let confidenceLevels = ["high", "medium", "low", "n/a"]
}

/// The kind of an origin (SPEC §1): a residential committee (居委) or a village committee (村委).
public enum OriginKind: String, Sendable, Codable, CaseIterable {
    /// 居委 (居民委员会), a residential committee.
    case residential
    /// 村委 (村民委员会), a village committee.
    case village

    /// The Chinese short name: 居委 or 村委.
    public var nameZh: String { self == .residential ? "居委" : "村委" }
}

/// An area class (SPEC §2): it decides, with the origin's kind, whether residents walk or cycle.
public struct AreaClass: Sendable, Codable, Equatable {
    /// Stable identifier, e.g. `urban`.
    public var id: String
    /// Chinese name, e.g. 城市化地区.
    public var nameZh: String
    /// English name, e.g. Urbanized area.
    public var nameEn: String
    /// Further accepted spellings, Chinese or English (matched ignoring case, spaces, `_` and `-`).
    public var aliases: [String]
    /// How residents of a 居委 in this class travel.
    public var residentialMode: TravelMode
    /// How residents of a 村委 in this class travel.
    public var villageMode: TravelMode
    /// Free-text remark.
    public var note: String?
    /// Where the class and its modes come from.
    public var source: String?

    /// An area class from its fields.
    public init(id: String, nameZh: String, nameEn: String, aliases: [String] = [], residentialMode: TravelMode,
                villageMode: TravelMode, note: String? = nil, source: String? = nil) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.aliases = aliases
        self.residentialMode = residentialMode
        self.villageMode = villageMode
        self.note = note
        self.source = source
    }

    /// The travel mode of an origin of `kind` in this class.
    public func mode(for kind: OriginKind) -> TravelMode {
        kind == .residential ? residentialMode : villageMode
    }

    /// The id, both names and the aliases.
    public var names: [String] { [id, nameZh, nameEn] + aliases }

    /// The SPEC §2 table, used when a catalog gives no `area_classes`.
    public static let specDefaults: [AreaClass] = [
        AreaClass(id: "urban", nameZh: "城市化地区", nameEn: "Urbanized area",
                  aliases: ["城市地区", "城市化", "urbanized", "urbanised", "urban area", "urbanized area",
                            "urbanised area"],
                  residentialMode: .walk, villageMode: .walk),
        AreaClass(id: "expansion", nameZh: "城镇化拓展区", nameEn: "Urbanizing expansion area",
                  aliases: ["城镇化地区", "城镇化拓展地区", "拓展区", "urbanizing_expansion", "urbanising_expansion",
                            "urbanizing expansion", "urbanising expansion area", "expansion area", "urbanizing"],
                  residentialMode: .walk, villageMode: .cycle),
        AreaClass(id: "remote", nameZh: "远郊地区", nameEn: "Outer-suburban area",
                  aliases: ["远郊", "远郊区", "outer_suburban", "outer suburban", "outer suburbs", "remote area"],
                  residentialMode: .cycle, villageMode: .cycle),
    ]
}

/// A subdistrict (街镇: 街道 or 镇) and its area class.
public struct Subdistrict: Sendable, Codable, Equatable {
    /// Chinese name with its suffix, e.g. 陆家嘴街道.
    public var nameZh: String
    /// English name, e.g. Lujiazui Subdistrict.
    public var nameEn: String
    /// 街道, 镇, 乡, … (free text; may be empty).
    public var type: String
    /// The id of its area class.
    public var areaClass: String
    /// True when the area class is an inference rather than a sourced fact.
    public var inferred: Bool
    /// Ids of the items chosen as this subdistrict's X. Empty in the built-in `pudong` catalog: no
    /// subdistrict's official X list was found.
    public var xItems: [String]
    /// Further accepted names (e.g. a short or former name).
    public var aliases: [String]
    /// Free-text remark (why the class was chosen, borderline cases).
    public var note: String?

    /// A subdistrict from its fields.
    public init(nameZh: String, nameEn: String, type: String = "", areaClass: String, inferred: Bool = false,
                xItems: [String] = [], aliases: [String] = [], note: String? = nil) {
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.type = type
        self.areaClass = areaClass
        self.inferred = inferred
        self.xItems = xItems
        self.aliases = aliases
        self.note = note
    }

    /// Both names and the aliases.
    public var names: [String] { [nameZh, nameEn] + aliases }
}
