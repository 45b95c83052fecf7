/// What scoring needs to know about the catalog's items, in catalog order.
public struct ScoredItem: Sendable, Equatable {
    public var id: String
    public var domain: String
    /// One of the 21 basic items (a 缺项 when missing).
    public var isBasic: Bool
    /// A local (X) item: it applies only to origins whose subdistrict chose it.
    public var isX: Bool
    /// Minutes within which the item counts as covered (inclusive).
    public var reachMinutes: Double

    public init(id: String, domain: String, isBasic: Bool, isX: Bool = false, reachMinutes: Double) {
        self.id = id
        self.domain = domain
        self.isBasic = isBasic
        self.isX = isX
        self.reachMinutes = reachMinutes
    }
}

/// What scoring needs to know about one origin.
public struct ScoredOrigin: Sendable, Equatable {
    public var id: String
    public var subdistrict: String
    public var areaClass: String
    /// Residents; nil when unknown (then the origin is left out of population figures: it never
    /// counts as one resident).
    public var population: Double?
    /// Whether each item (catalog order) applies to this origin: basic and related items always,
    /// X items when its subdistrict chose them.
    public var applies: [Bool]

    public init(id: String, subdistrict: String, areaClass: String, population: Double?, applies: [Bool]) {
        self.id = id
        self.subdistrict = subdistrict
        self.areaClass = areaClass
        self.population = population
        self.applies = applies
    }

    /// The weight in population figures: its population, 0 when unknown (left out).
    public var weight: Double { population ?? 0 }
}
