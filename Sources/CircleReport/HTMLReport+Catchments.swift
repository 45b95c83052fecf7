import Foundation

// The facilities' catchments section of report.html: per item, how many facilities serve nobody
// (idle) and the most loaded ones (by residents per capacity when capacities are given, else by
// catchment residents or origins), from facilities.csv's figures.

/// One item's catchments in the report.
public struct ReportCatchmentItem: Sendable, Equatable {
    public var itemId: String
    /// Facilities of the item, and those whose catchment is empty.
    public var facilities: Int
    public var idle: Int
    /// The most loaded facilities, most loaded first (the engine chooses how many).
    public var loaded: [ReportFacilityLoad]

    public init(itemId: String, facilities: Int, idle: Int, loaded: [ReportFacilityLoad]) {
        self.itemId = itemId
        self.facilities = facilities
        self.idle = idle
        self.loaded = loaded
    }
}

/// A facility's catchment figures.
public struct ReportFacilityLoad: Sendable, Equatable {
    public var id: String
    public var name: String
    public var origins: Int
    /// Catchment residents; nil without populations.
    public var residents: Double?
    public var capacity: Double?
    public var residentsPerCapacity: Double?

    public init(id: String, name: String, origins: Int, residents: Double?, capacity: Double?, residentsPerCapacity: Double?) {
        self.id = id
        self.name = name
        self.origins = origins
        self.residents = residents
        self.capacity = capacity
        self.residentsPerCapacity = residentsPerCapacity
    }
}

extension HTMLReport {
    static func catchmentsSection(_ c: ReportContext) -> String {
        guard let items = c.model.catchments, !items.isEmpty else { return "" }
        let zh = c.isZh
        var h = "<section id=\"catchments\">\n<h2>\(zh ? "设施服务范围" : "Facilities' catchments")</h2>\n"
        h += "<p class=\"caption\">" + escape(zh
            ? "每个设施的服务范围：以它为最近同类设施（按各居村的出行方式与可达时间）的居村。闲置：服务范围内没有居村。详见 facilities.csv。"
            : "A facility's catchment: the origins whose nearest facility of the item it is (by each origin's mode and reach). Idle: no origin in its catchment. Details in facilities.csv.") + "</p>\n"
        h += "<div class=\"tablebox\"><table id=\"catchment-table\">\n<thead><tr>"
        h += header(zh ? "项目" : "Item", type: nil) + header(zh ? "设施" : "Facilities", type: nil, cls: "num")
        h += header(zh ? "闲置" : "Idle", type: nil, cls: "num") + header(zh ? "负荷最高" : "Most loaded", type: nil)
        h += "</tr></thead>\n<tbody>\n"
        for item in items {
            h += "<tr data-item=\"\(escape(item.itemId))\"><td>\(escape(c.itemName(item.itemId)))</td>"
            h += "<td class=\"num\">\(ReportFormat.grouped(item.facilities))</td><td class=\"num\">\(ReportFormat.grouped(item.idle))</td><td>"
            h += item.loaded.map { f in
                let label = f.name.isEmpty ? f.id : f.name
                var figure: String
                if let r = f.residentsPerCapacity {
                    figure = zh ? "每单位容量 \(Format.fixed(r, decimals: 1)) 人" : "\(Format.fixed(r, decimals: 1)) residents per place"
                } else if let r = f.residents {
                    figure = zh ? "\(ReportFormat.grouped(Int(r.rounded()))) 人" : "\(ReportFormat.grouped(Int(r.rounded()))) residents"
                } else {
                    figure = zh ? "\(f.origins) 个居村" : "\(f.origins) origins"
                }
                return "\(escape(label)) (\(escape(figure)))"
            }.joined(separator: zh ? "；" : "; ")
            h += "</td></tr>\n"
        }
        return h + "</tbody>\n</table></div>\n</section>\n"
    }
}
