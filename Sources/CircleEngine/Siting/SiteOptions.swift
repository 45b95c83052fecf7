import CircleSiting
import Foundation

/// Everything `circle site` takes (and a job file's `site:` block would).
public struct SiteOptions: Sendable, Equatable {
    /// What a plan must achieve.
    public enum Goal: Sendable, Equatable {
        /// `--count K`: at most K new sites per item, most weight newly covered.
        case count(Int)
        /// `--cover-all`: the fewest sites (least cost) closing every coverable 缺项 of the item.
        case coverAll
        /// `--target S`: the fewest sites (least cost) until a share S of the weight is covered.
        case target(Double)
    }

    /// How origins count: residents (`population`, which every origin must give) or one each.
    public enum Weight: String, Sendable, CaseIterable, Equatable {
        case population, origins
    }

    /// Network, origins, existing facilities, areas, catalog, speeds, crs and `out`, as for
    /// `circle analyze` (gap maps are not drawn; `items` is set from `items` below).
    public var analysis: AnalysisOptions
    /// Items to plan (ids or names); `basic` stands for every basic item.
    public var items: [String]
    public var goal: Goal
    /// A file of candidate points or polygons (`id`, `cost` optional), or `network`.
    public var candidates = "network"
    /// Spacing of candidates generated along the streets, metres.
    public var spacing = 100.0
    public var weight = Weight.origins
    /// Insist on the exact solver whatever the instance's size.
    public var exact = false
    /// Seconds the exact solver may take per item.
    public var timeLimit = 60.0

    public init(analysis: AnalysisOptions, items: [String], goal: Goal) {
        self.analysis = analysis
        self.items = items
        self.goal = goal
    }

    /// Checks the values that need no input read.
    func validate() throws {
        switch goal {
        case .count(let k) where k <= 0:
            throw OptionError("--count must be a positive whole number of sites, got \(k)")
        case .target(let s) where !(s > 0 && s <= 1):
            throw OptionError("--target must be a share in (0, 1], e.g. 0.95, got \(s)")
        default: break
        }
        guard spacing > 0, spacing.isFinite else { throw OptionError("--spacing must be a positive number of metres, got \(spacing)") }
        guard timeLimit > 0, timeLimit.isFinite else { throw OptionError("--time-limit must be a positive number of seconds, got \(timeLimit)") }
        guard !items.isEmpty else { throw OptionError("--item: name at least one item to plan (or basic for every basic item)") }
    }
}
