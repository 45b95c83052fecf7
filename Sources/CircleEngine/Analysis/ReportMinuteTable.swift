import CircleReport

/// The report map's minutes of every origin to every item as one table of minute codes
/// (``ReportMap/minuteCodes``): not applicable, unreachable, or the listed minutes.
enum ReportMinuteTable {
    /// `origins × items` codes, origin after origin.
    static func codes(_ run: RunTables) -> [UInt8] {
        let n = run.items.count, count = run.origins.count
        var codes = [UInt8](repeating: 0, count: count * n)
        let unreachable = HTMLReport.minuteCode(.unreachable), notApplicable = HTMLReport.minuteCode(.notApplicable)
        for i in 0..<n {
            let minutes = run.minutes[i]
            for o in 0..<count {
                codes[o * n + i] = !run.scoredOrigins[o].applies[i] ? notApplicable
                    : minutes[o].map { HTMLReport.minuteCode(.minutes($0)) } ?? unreachable
            }
        }
        return codes
    }
}
