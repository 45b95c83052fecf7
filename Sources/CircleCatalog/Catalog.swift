import CircleGraph
import Foundation

/// A facility catalog: domains, items (with their OSM recognition rules), area classes with their
/// travel modes, the subdistricts, and the default speeds and minutes (SPEC §1–2).
///
/// The JSON format is described in `docs/catalog.md`. The built-in `pudong` catalog is
/// `Resources/pudong.json`, compiled into the library (``builtin(_:)``).
public struct Catalog: Sendable, Codable, Equatable {
    /// The value of a catalog file's `format` field.
    public static let formatName = "servicecircle-catalog/1"

    /// Stable identifier, e.g. `pudong`.
    public var id: String
    /// The catalog's own version label.
    public var version: String
    /// Domains, in report order.
    public var domains: [Domain]
    /// Items in catalog order: the order of every output.
    public var items: [Item]
    /// Area classes and their modes.
    public var areaClasses: [AreaClass]
    /// Subdistricts with their area class and X items.
    public var subdistricts: [Subdistrict]
    /// Walking speed, km/h (default 4.0).
    public var walkKmh: Double
    /// Cycling speed, km/h (default 12.0).
    public var cycleKmh: Double
    /// Default reach in minutes for items that give none (default 15).
    public var reachMinutes: Double
    /// How far searches go, in minutes (default 30).
    public var horizonMinutes: Double
    /// Caveats to show with results (e.g. that an item list is a reconstruction).
    public var notes: [String]

    /// A catalog from its parts; area classes default to the SPEC §2 table.
    public init(id: String, version: String = "", domains: [Domain], items: [Item],
                areaClasses: [AreaClass] = AreaClass.specDefaults, subdistricts: [Subdistrict] = [],
                walkKmh: Double = 4.0, cycleKmh: Double = 12.0, reachMinutes: Double = 15,
                horizonMinutes: Double = 30, notes: [String] = []) {
        self.id = id
        self.version = version
        self.domains = domains
        self.items = items
        self.areaClasses = areaClasses
        self.subdistricts = subdistricts
        self.walkKmh = walkKmh
        self.cycleKmh = cycleKmh
        self.reachMinutes = reachMinutes
        self.horizonMinutes = horizonMinutes
        self.notes = notes
    }

    // MARK: Loading

    /// The names of the built-in catalogs.
    public static var builtinNames: [String] { BuiltinCatalogs.json.keys.sorted() }

    /// A built-in catalog by name (`pudong`, any case).
    /// - Throws: ``CatalogError`` when there is no such catalog.
    public static func builtin(_ name: String) throws -> Catalog {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard let json = BuiltinCatalogs.json[key] else {
            throw CatalogError(problem: "no built-in catalog '\(name)' (built in: \(builtinNames.joined(separator: ", ")))")
        }
        return try decode(Data(json.utf8), file: "builtin:\(key)")
    }

    /// Reads and validates a catalog file in the JSON format.
    /// - Throws: ``CatalogError`` naming the file and, for bad content, the JSON path.
    public static func load(path: String) throws -> Catalog {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CatalogError(file: path, problem: "no such file")
        }
        guard !isDirectory.boolValue else { throw CatalogError(file: path, problem: "is a directory, not a catalog file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CatalogError(file: path, problem: "cannot be read")
        }
        return try decode(data, file: path)
    }

    /// A built-in catalog when `nameOrPath` is a built-in name (and not an existing file's path),
    /// else the catalog file at that path.
    public static func resolve(_ nameOrPath: String) throws -> Catalog {
        let key = nameOrPath.trimmingCharacters(in: .whitespaces).lowercased()
        if BuiltinCatalogs.json[key] != nil, !FileManager.default.fileExists(atPath: nameOrPath) {
            return try builtin(key)
        }
        guard FileManager.default.fileExists(atPath: nameOrPath) else {
            throw CatalogError(file: nameOrPath,
                               problem: "no such file, and not a built-in catalog (built in: \(builtinNames.joined(separator: ", ")))")
        }
        return try load(path: nameOrPath)
    }

    /// Decodes and validates a catalog document; `file` names it in errors.
    public static func decode(_ data: Data, file: String) throws -> Catalog {
        let catalog: Catalog
        do {
            catalog = try JSONDecoder().decode(Catalog.self, from: data)
        } catch let error as DecodingError {
            throw CatalogError.decoding(error, file: file, data: data)
        }
        if let problem = catalog.problems().first { throw problem.inFile(file) }
        return catalog
    }

    /// The catalog as a JSON document in the documented format (pretty-printed, keys sorted, UTF-8).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    // MARK: Derived views

    /// The kind of the item's domain (nil for an unknown domain).
    public func kind(of item: Item) -> DomainKind? {
        domains.first { $0.id == item.domain }?.kind
    }

    /// Domains of a kind, in catalog order.
    public func domains(ofKind kind: DomainKind) -> [Domain] { domains.filter { $0.kind == kind } }

    /// Items of a kind of domain, in catalog order.
    public func items(ofKind kind: DomainKind) -> [Item] { items.filter { self.kind(of: $0) == kind } }

    /// Items whose domain is basic: the denominator of the basic score (21 in `pudong`).
    public var basicItems: [Item] { items(ofKind: .basic) }

    /// Items whose domain is related.
    public var relatedItems: [Item] { items(ofKind: .related) }

    /// Items of a domain, in catalog order.
    public func items(inDomain id: String) -> [Item] { items.filter { $0.domain == id } }

    /// The items that apply to origins of a subdistrict, in catalog order: every basic and related
    /// item, plus the items of X domains that the subdistrict lists in `x_items` (none when the
    /// subdistrict is unknown).
    public func items(for subdistrict: Subdistrict?) -> [Item] {
        let chosen = Set(subdistrict?.xItems ?? [])
        return items.filter { kind(of: $0) != .x || chosen.contains($0.id) }
    }

    /// The X items of a subdistrict, in catalog order; these may include basic or related items the
    /// subdistrict chose as its characteristic ones.
    public func xItems(for subdistrict: Subdistrict) -> [Item] {
        let chosen = Set(subdistrict.xItems)
        return items.filter { chosen.contains($0.id) }
    }

    /// The travel mode of an origin of `kind` in the area class named `areaClass` (id, name or alias).
    public func mode(areaClass: String, kind: OriginKind) -> TravelMode? {
        self.areaClass(named: areaClass)?.mode(for: kind)
    }

    /// The speed of a mode, km/h.
    public func speedKmh(_ mode: TravelMode) -> Double { mode == .walk ? walkKmh : cycleKmh }

    /// The speed of a mode, metres per minute.
    public func metresPerMinute(_ mode: TravelMode) -> Double { speedKmh(mode) * 1000 / 60 }
}
