/// Points from CSV: a header row, then one point a row; quoted fields may hold delimiters, quotes
/// and line breaks. The delimiter is a comma, a tab or a semicolon: the one whose header names a
/// longitude and a latitude column.
enum CSVPoints {
    static func read(text: String, path: String, checkLonLat: Bool = true,
                     fields: [Columns.Field] = []) throws -> [InputPoint] {
        try table(bytes: Array(text.utf8), path: path, checkLonLat: checkLonLat, fields: fields).points
    }

    /// Reads points from UTF-8 bytes (already validated) in one streaming pass: the records'
    /// fields as byte ranges, kept as ranges of `bytes` in the table (a `String` only for the id).
    /// A problem with a row's content is kept until the text has been read to its end, so that,
    /// as with the whole-file parser, a broken quote anywhere in the file is the error reported.
    static func table(bytes: [UInt8], path: String, checkLonLat: Bool = true,
                      fields: [Columns.Field] = []) throws -> PointTable {
        let delimiter = CSVParser.detectDelimiter(bytes)
        var table = PointTable(source: bytes, placeWord: "line")
        try bytes.withUnsafeBufferPointer { buffer in
            var records = CSVRecords(bytes: buffer, delimiter: delimiter, path: path)
            guard try records.next() else { throw InputError(path: path, problem: "the file is empty") }
            let header = records.fields.map { Columns.trimmed(records.text($0)) }
            let lower = header.map { $0.lowercased() }
            let described = CSVParser.name(of: delimiter)
            var deferred: Error?
            func missing(_ what: String, _ accepted: [String]) -> InputError {
                var problem = "no \(what) column (accepted: \(accepted.joined(separator: ", ")))"
                problem += "; the header, read as \(described)-separated, has \(header.count) column"
                    + (header.count == 1 ? "" : "s") + ": " + header.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
                return InputError(path: path, location: "line 1", problem: problem)
            }
            let groups = [Columns.Field("longitude", PointReader.lonColumns), Columns.Field("latitude", PointReader.latColumns),
                          Columns.Field("id", PointReader.idColumns)] + fields
            var lonCol = 0, latCol = 0, idCol: Int?
            do {
                let chosen = try Columns.checkNames(header, groups: groups, what: "column", path: path, location: "line 1")
                guard let lon = chosen[0] else { throw missing("longitude", PointReader.lonColumns) }
                guard let lat = chosen[1] else { throw missing("latitude", PointReader.latColumns) }
                (lonCol, latCol, idCol) = (lon, lat, chosen[2])
            } catch {
                deferred = error
            }
            // The attribute columns: every named column but the position (names unique: checked above).
            let kept = lower.indices.filter { $0 != lonCol && $0 != latCol && !lower[$0].isEmpty }
            let keys = deferred == nil ? kept.map { table.key(lower[$0]) } : []
            table.reserve(buffer.count / 64)
            table.cells.reserveCapacity(buffer.count / 64 * kept.count)
            let columns = header.count
            while try records.next() {
                guard deferred == nil else { continue }   // only the structure is still checked
                let row = records.fields
                if row.count == 1 && row[0].start == row[0].end { continue }
                let line = records.recordLine
                do {
                    guard row.count == columns else {
                        throw InputError(path: path, location: "line \(line)",
                                         problem: "\(row.count) fields, the header has \(columns) "
                                         + "(fields separated by \(described)s)")
                    }
                    func number(_ c: Int) throws -> Double {
                        if let v = fastNumber(buffer, row[c]) { return v }
                        let s = Columns.trimmed(records.text(row[c]))
                        guard let v = Columns.number(s) else {
                            let hint = s.contains(",") && Columns.number(s.replacingOccurrences(of: ",", with: ".")) != nil
                                ? " (write decimals with a point, not a comma)" : ""
                            throw InputError(path: path, location: "line \(line)",
                                             problem: "field \(header[c]) is not a number: '\(s)'\(hint)")
                        }
                        return v
                    }
                    let lon = try number(lonCol), lat = try number(latCol)
                    if checkLonLat { try PointReader.checkRange(lon: lon, lat: lat, path: path, location: "line \(line)") }
                    let first = table.cells.count
                    for (k, c) in kept.enumerated() {
                        let f = row[c]
                        if f.doubled {
                            table.appendExtra(records.text(f), key: keys[k])
                        } else {
                            table.appendCell(start: f.start, end: f.end, key: keys[k])
                        }
                    }
                    // An empty id cell, like a missing id column, gives the row number (README, Inputs).
                    let given = idCol.map { Columns.trimmed(records.text(row[$0])) } ?? ""
                    table.append(id: given.isEmpty ? String(table.count + 1) : given, lon: lon, lat: lat, cells: first)
                    table.placeNumbers.append(line)
                } catch {
                    deferred = error
                }
            }
            if let deferred { throw deferred }
        }
        return table
    }

    /// Exact powers of ten for the fast path of ``fastNumber(_:_:)``.
    static let powers: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { p, _ in p * 10 } }

    /// The number a field holds, when it is a plain decimal (as ``Columns/number(_:)`` accepts,
    /// no surrounding blanks) of at most 15 significant digits and a power of ten within 10^±22:
    /// then the value is exactly what `Double(_:)` gives (one correctly rounded operation on exact
    /// operands). Nil otherwise, for the general path to decide.
    @inline(__always)
    static func fastNumber(_ b: UnsafeBufferPointer<UInt8>, _ f: CSVRecords.Field) -> Double? {
        var i = f.start
        let end = f.end
        guard i < end, !f.doubled else { return nil }
        var negative = false
        if b[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if b[i] == UInt8(ascii: "+") { i += 1 }
        var mantissa: UInt64 = 0, significant = 0, digits = 0, exponent = 0, point = false
        while i < end {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                digits += 1
                if mantissa > 0 || c != 0x30 {
                    significant += 1
                    guard significant <= 15 else { return nil }
                    mantissa = mantissa * 10 + UInt64(c - 0x30)
                }
                if point { exponent -= 1 }
            } else if c == UInt8(ascii: ".") && !point {
                point = true
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < end {
            guard b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") else { return nil }
            i += 1
            var expNegative = false
            if i < end, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { expNegative = b[i] == UInt8(ascii: "-"); i += 1 }
            var e = 0, expDigits = 0
            while i < end, b[i] >= 0x30 && b[i] <= 0x39 {
                if e < 10_000 { e = e * 10 + Int(b[i] - 0x30) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0, i == end else { return nil }
            exponent += expNegative ? -e : e
        }
        guard exponent >= -22 && exponent <= 22 else { return nil }
        var value = Double(mantissa)
        value = exponent >= 0 ? value * powers[exponent] : value / powers[-exponent]
        return negative ? -value : value
    }
}

/// A strict RFC 4180 parser over UTF-8 bytes (the delimiters are ASCII, so multi-byte characters
/// pass through untouched) that remembers the line each record starts on.
///
/// Strict: a quote that is never closed, or text between a closing quote and the next delimiter,
/// is an error naming the line, never a silently merged or dropped row.
package enum CSVParser {
    package struct Row {
        package var line: Int
        package var fields: [String]
    }

    static let comma = UInt8(ascii: ","), tab = UInt8(ascii: "\t"), semicolon = UInt8(ascii: ";")

    /// "comma", "tab" or "semicolon".
    static func name(of delimiter: UInt8) -> String {
        delimiter == tab ? "tab" : delimiter == semicolon ? "semicolon" : "comma"
    }

    /// The delimiter of the header line: the first of comma, tab and semicolon under which the
    /// header names both a longitude and a latitude column; else the most frequent of the three
    /// in the header line (outside quotes); else a comma.
    static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var end = 0, inQuotes = false
        var counts: [UInt8: Int] = [comma: 0, tab: 0, semicolon: 0]
        while end < bytes.count {
            let c = bytes[end]
            if c == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes {
                if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { break }
                if counts[c] != nil { counts[c]! += 1 }
            }
            end += 1
        }
        let line = Array(bytes[..<end])
        for d in [comma, tab, semicolon] where counts[d]! > 0 {
            guard let header = try? rows(line, delimiter: d, path: "").first?.fields else { continue }
            let lower = header.map { Columns.trimmed($0).lowercased() }
            if lower.contains(where: PointReader.lonColumns.contains) && lower.contains(where: PointReader.latColumns.contains) {
                return d
            }
        }
        return [comma, tab, semicolon].max { counts[$0]! < counts[$1]! }.flatMap { counts[$0]! > 0 ? $0 : nil } ?? comma
    }

    package static func rows(_ text: String, delimiter: UInt8 = comma, path: String = "") throws -> [Row] {
        try rows(Array(text.utf8), delimiter: delimiter, path: path)
    }

    static func rows(_ input: [UInt8], delimiter: UInt8, path: String) throws -> [Row] {
        var rows: [Row] = []
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false, closed = false, line = 1, start = 1, quoteLine = 0, i = 0
        let n = input.count
        func endRecord() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            rows.append(Row(line: start, fields: fields))
            fields.removeAll(keepingCapacity: true)
        }
        while i < n {
            let c = input[i]
            i += 1
            if inQuotes {
                if c == quote {
                    if i < n && input[i] == quote { field.append(quote); i += 1 } else { inQuotes = false; closed = true }
                } else {
                    if c == lf || (c == cr && !(i < n && input[i] == lf)) { line += 1 }
                    field.append(c)
                }
            } else if c == delimiter {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                closed = false
            } else if c == lf || c == cr {
                if c == cr && i < n && input[i] == lf { i += 1 }
                endRecord()
                closed = false
                line += 1
                start = line
            } else if closed {
                throw InputError(path: path, location: "line \(line)",
                                 problem: "text after the closing quote of a field (a quote inside a quoted field "
                                 + "is written twice: \"\")")
            } else if c == quote && field.isEmpty {
                inQuotes = true
                quoteLine = line
            } else {
                field.append(c)
            }
        }
        if inQuotes {
            throw InputError(path: path, location: "line \(quoteLine)",
                             problem: "a quoted field opened on this line is never closed (an unmatched \"); "
                             + "every row after it would be lost")
        }
        // The last record, unless the text ended with a line end.
        if !(fields.isEmpty && field.isEmpty && !closed) { endRecord() }
        return rows
    }
}
