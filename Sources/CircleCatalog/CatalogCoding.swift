import CircleGraph

// The JSON catalog format (docs/catalog.md): snake_case fields, unknown fields rejected (except
// those starting with `_`, which are comments), optional fields defaulted.

/// A coding key from any string.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

typealias Reader = KeyedDecodingContainer<AnyKey>
typealias Writer = KeyedEncodingContainer<AnyKey>

extension Decoder {
    /// The object at this position, after checking that it has no unknown fields.
    func object(fields: [String]) throws -> Reader {
        let c = try container(keyedBy: AnyKey.self)
        for key in c.allKeys where !fields.contains(key.stringValue) && !key.stringValue.hasPrefix("_") {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c,
                debugDescription: "unknown field (known: \(fields.joined(separator: ", ")); fields starting with '_' are comments)")
        }
        return c
    }
}

extension KeyedDecodingContainer where Key == AnyKey {
    func req<T: Decodable>(_ key: String) throws -> T { try decode(T.self, forKey: AnyKey(key)) }
    func opt<T: Decodable>(_ key: String) throws -> T? { try decodeIfPresent(T.self, forKey: AnyKey(key)) }
    /// An optional string, with "" meaning absent.
    func text(_ key: String) throws -> String? {
        guard let s: String = try opt(key), !s.isEmpty else { return nil }
        return s
    }
    func fail(_ key: String, _ problem: String) -> DecodingError {
        DecodingError.dataCorruptedError(forKey: AnyKey(key), in: self, debugDescription: problem)
    }
}

extension KeyedEncodingContainer where Key == AnyKey {
    mutating func put<T: Encodable>(_ key: String, _ value: T) throws { try encode(value, forKey: AnyKey(key)) }
    mutating func put<T: Encodable>(_ key: String, _ value: T?) throws { try encodeIfPresent(value, forKey: AnyKey(key)) }
    mutating func put(_ key: String, nonEmpty value: [String]) throws {
        if !value.isEmpty { try encode(value, forKey: AnyKey(key)) }
    }
}

extension DomainKind {
    /// Decodes `basic`, `related` or `x`, naming the accepted values otherwise.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let raw = try c.decode(String.self)
        guard let kind = DomainKind(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown kind '\(raw)' (known: basic, related, x)")
        }
        self = kind
    }
}

extension Domain {
    static let fields = ["id", "name_zh", "name_en", "kind", "note", "source"]

    /// Decodes a domain object of the JSON format.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.object(fields: Self.fields)
        self.init(id: try c.req("id"), nameZh: try c.req("name_zh"), nameEn: try c.req("name_en"),
                  kind: try c.req("kind"), note: try c.text("note"), source: try c.text("source"))
    }

    /// Encodes a domain object of the JSON format.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.put("id", id)
        try c.put("name_zh", nameZh)
        try c.put("name_en", nameEn)
        try c.put("kind", kind)
        try c.put("note", note)
        try c.put("source", source)
    }
}

extension Item {
    static let fields = ["id", "domain", "name_zh", "name_en", "aliases", "reach_minutes", "osm_tags", "name_regex",
                         "exclude_name_regex", "require_name_match", "confidence", "note", "source", "ref_minutes",
                         "ref_radius_m"]

    /// Decodes an item object; a missing `reach_minutes` is 15.
    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, defaultReach: 15)
    }

    /// Decodes an item object; a missing `reach_minutes` is `defaultReach` (the catalog's).
    init(from decoder: any Decoder, defaultReach: Double) throws {
        let c = try decoder.object(fields: Self.fields)
        self.init(id: try c.req("id"), domain: try c.req("domain"), nameZh: try c.req("name_zh"),
                  nameEn: try c.req("name_en"), aliases: try c.opt("aliases") ?? [],
                  reachMinutes: try c.opt("reach_minutes") ?? defaultReach, osmTags: try c.opt("osm_tags") ?? [],
                  nameRegex: try c.text("name_regex"), excludeNameRegex: try c.text("exclude_name_regex"),
                  requireNameMatch: try c.opt("require_name_match") ?? false,
                  confidence: try c.opt("confidence") ?? "n/a", note: try c.text("note"), source: try c.text("source"),
                  refMinutes: try c.opt("ref_minutes"), refRadiusM: try c.opt("ref_radius_m"))
    }

    /// Encodes an item object of the JSON format.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.put("id", id)
        try c.put("domain", domain)
        try c.put("name_zh", nameZh)
        try c.put("name_en", nameEn)
        try c.put("aliases", nonEmpty: aliases)
        try c.put("reach_minutes", reachMinutes)
        try c.put("osm_tags", osmTags)
        try c.put("name_regex", nameRegex)
        try c.put("exclude_name_regex", excludeNameRegex)
        try c.put("require_name_match", requireNameMatch)
        try c.put("confidence", confidence)
        try c.put("ref_minutes", refMinutes)
        try c.put("ref_radius_m", refRadiusM)
        try c.put("note", note)
        try c.put("source", source)
    }
}

extension AreaClass {
    static let fields = ["id", "name_zh", "name_en", "aliases", "modes", "note", "source"]

    /// Decodes an area-class object; `modes` is `{"residential": "walk", "village": "cycle"}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.object(fields: Self.fields)
        guard c.contains(AnyKey("modes")) else {
            throw DecodingError.keyNotFound(AnyKey("modes"), .init(codingPath: c.codingPath, debugDescription: ""))
        }
        let modes = try c.superDecoder(forKey: AnyKey("modes")).object(fields: ["residential", "village"])
        func mode(_ key: String) throws -> TravelMode {
            let name: String = try modes.req(key)
            guard let mode = CatalogNames.travelMode(named: name) else {
                throw modes.fail(key, "unknown travel mode '\(name)' (known: walk, cycle)")
            }
            return mode
        }
        self.init(id: try c.req("id"), nameZh: try c.req("name_zh"), nameEn: try c.req("name_en"),
                  aliases: try c.opt("aliases") ?? [], residentialMode: try mode("residential"),
                  villageMode: try mode("village"), note: try c.text("note"), source: try c.text("source"))
    }

    /// Encodes an area-class object of the JSON format.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.put("id", id)
        try c.put("name_zh", nameZh)
        try c.put("name_en", nameEn)
        try c.put("aliases", nonEmpty: aliases)
        var modes = c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("modes"))
        try modes.put("residential", residentialMode)
        try modes.put("village", villageMode)
        try c.put("note", note)
        try c.put("source", source)
    }
}

extension Subdistrict {
    static let fields = ["name_zh", "name_en", "type", "area_class", "inferred", "x_items", "aliases", "note"]

    /// Decodes a subdistrict object of the JSON format.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.object(fields: Self.fields)
        self.init(nameZh: try c.req("name_zh"), nameEn: try c.req("name_en"), type: try c.opt("type") ?? "",
                  areaClass: try c.req("area_class"), inferred: try c.opt("inferred") ?? false,
                  xItems: try c.opt("x_items") ?? [], aliases: try c.opt("aliases") ?? [], note: try c.text("note"))
    }

    /// Encodes a subdistrict object of the JSON format.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.put("name_zh", nameZh)
        try c.put("name_en", nameEn)
        try c.put("type", type)
        try c.put("area_class", areaClass)
        try c.put("inferred", inferred)
        try c.put("x_items", xItems)
        try c.put("aliases", nonEmpty: aliases)
        try c.put("note", note)
    }
}

extension Catalog {
    static let fields = ["format", "id", "version", "walk_kmh", "cycle_kmh", "reach_minutes", "horizon_minutes",
                         "notes", "domains", "items", "area_classes", "subdistricts"]

    /// Decodes a catalog document (not yet validated: ``load(path:)`` also validates). A subdistrict's
    /// `area_class` given by a name or alias is replaced by the class id.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.object(fields: Self.fields)
        if let format: String = try c.opt("format"), format != Self.formatName {
            throw c.fail("format", "unsupported format '\(format)' (this version reads '\(Self.formatName)')")
        }
        id = try c.req("id")
        version = try c.opt("version") ?? ""
        walkKmh = try c.opt("walk_kmh") ?? 4.0
        cycleKmh = try c.opt("cycle_kmh") ?? 12.0
        reachMinutes = try c.opt("reach_minutes") ?? 15
        horizonMinutes = try c.opt("horizon_minutes") ?? 30
        notes = try c.opt("notes") ?? []
        domains = try c.req("domains")
        var list = try c.nestedUnkeyedContainer(forKey: AnyKey("items"))
        var items: [Item] = []
        while !list.isAtEnd {
            items.append(try Item(from: list.superDecoder(), defaultReach: reachMinutes))
        }
        self.items = items
        areaClasses = try c.opt("area_classes") ?? AreaClass.specDefaults
        subdistricts = try c.opt("subdistricts") ?? []
        for i in subdistricts.indices {
            if let cls = areaClass(named: subdistricts[i].areaClass) { subdistricts[i].areaClass = cls.id }
        }
    }

    /// Encodes the catalog in the JSON format, `format` first.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.put("format", Self.formatName)
        try c.put("id", id)
        try c.put("version", version)
        try c.put("walk_kmh", walkKmh)
        try c.put("cycle_kmh", cycleKmh)
        try c.put("reach_minutes", reachMinutes)
        try c.put("horizon_minutes", horizonMinutes)
        try c.put("notes", notes)
        try c.put("domains", domains)
        try c.put("items", items)
        try c.put("area_classes", areaClasses)
        try c.put("subdistricts", subdistricts)
    }
}
