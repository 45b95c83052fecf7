/// Points from CSV: a header row, then one point a row; quoted fields may hold commas and quotes.
enum CSVPoints {
    static func read(text: String, path: String, checkLonLat: Bool = true) throws -> [InputPoint] {
        var rows = CSVParser.rows(text)
        guard !rows.isEmpty else { throw InputError(path: path, problem: "the file is empty") }
        let header = rows.removeFirst().fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let lower = header.map { $0.lowercased() }
        func column(_ names: [String]) -> Int? { lower.firstIndex { names.contains($0) } }
        guard let lonCol = column(PointReader.lonColumns) else {
            throw InputError(path: path, location: "line 1",
                             problem: "no longitude column (accepted: \(PointReader.lonColumns.joined(separator: ", ")))")
        }
        guard let latCol = column(PointReader.latColumns) else {
            throw InputError(path: path, location: "line 1",
                             problem: "no latitude column (accepted: \(PointReader.latColumns.joined(separator: ", ")))")
        }
        let idCol = column(PointReader.idColumns)
        var points: [InputPoint] = []
        for row in rows where !(row.fields.count == 1 && row.fields[0].isEmpty) {
            let at = "line \(row.line)"
            guard row.fields.count == header.count else {
                throw InputError(path: path, location: at,
                                 problem: "\(row.fields.count) fields, the header has \(header.count)")
            }
            func number(_ c: Int) throws -> Double {
                let s = Columns.trimmed(row.fields[c])
                guard let v = Double(s) else {
                    throw InputError(path: path, location: at, problem: "field \(header[c]) is not a number: '\(s)'")
                }
                return v
            }
            let lon = try number(lonCol), lat = try number(latCol)
            if checkLonLat { try PointReader.checkRange(lon: lon, lat: lat, path: path, location: at) }
            var attributes: [String: String] = [:]
            for (c, name) in lower.enumerated() where c != lonCol && c != latCol { attributes[name] = row.fields[c] }
            let id = idCol.map { row.fields[$0] } ?? String(points.count + 1)
            points.append(InputPoint(id: id, lon: lon, lat: lat, attributes: attributes, location: at))
        }
        return points
    }
}

/// A small RFC 4180 parser over UTF-8 bytes (the delimiters are ASCII, so multi-byte characters
/// pass through untouched) that remembers the line each record starts on.
enum CSVParser {
    struct Row {
        var line: Int
        var fields: [String]
    }

    static func rows(_ text: String) -> [Row] {
        var rows: [Row] = []
        var bytes = Array(text.utf8)
        bytes.append(UInt8(ascii: "\n"))   // a final line end closes the last record
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false, line = 1, start = 1, i = 0
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            if inQuotes {
                if c == quote {
                    if i < bytes.count && bytes[i] == quote { field.append(quote); i += 1 } else { inQuotes = false }
                } else {
                    if c == lf { line += 1 }
                    field.append(c)
                }
            } else if c == quote && field.isEmpty {
                inQuotes = true
            } else if c == comma {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else if c == lf || c == cr {
                if c == cr && i < bytes.count && bytes[i] == lf { i += 1 }
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                if !(fields.count == 1 && fields[0].isEmpty && i >= bytes.count) { rows.append(Row(line: start, fields: fields)) }
                fields.removeAll(keepingCapacity: true)
                line += 1
                start = line
            } else {
                field.append(c)
            }
        }
        return rows
    }
}
