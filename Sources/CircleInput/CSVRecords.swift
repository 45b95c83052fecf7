/// The records of a CSV text one at a time, as byte ranges of their fields, with exactly the
/// rules of ``CSVParser/rows(_:delimiter:path:)`` (the same records, lines and errors), but no
/// `String` made for a field until the caller asks for it: the point reader's streaming path.
struct CSVRecords {
    /// A field: its bytes are `bytes[start..<end]`; `quoted` when it was quoted and held a doubled
    /// quote (then ``CSVRecords/text(_:)`` undoes the doubling).
    struct Field {
        var start: Int
        var end: Int
        var doubled: Bool
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    let path: String
    private var i = 0
    private var line = 1
    /// The fields of the record read last.
    private(set) var fields: [Field] = []
    /// The line the record read last starts on.
    private(set) var recordLine = 1

    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, path: String) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.path = path
    }

    /// Reads the next record into ``fields``; false at the end of the text.
    ///
    /// - Throws: ``InputError`` for text after a closing quote, or a quote never closed.
    mutating func next() throws -> Bool {
        let n = bytes.count
        guard i < n else { return false }
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), delimiter = self.delimiter
        fields.removeAll(keepingCapacity: true)
        recordLine = line
        var start = i
        while true {
            // A field at `start`: quoted or plain.
            if start < n, bytes[start] == quote {
                let quoteLine = line
                var k = start + 1, doubled = false
                while true {
                    guard k < n else {
                        throw InputError(path: path, location: "line \(quoteLine)",
                                         problem: "a quoted field opened on this line is never closed (an unmatched \"); "
                                         + "every row after it would be lost")
                    }
                    let c = bytes[k]
                    if c == quote {
                        if k + 1 < n && bytes[k + 1] == quote { doubled = true; k += 2; continue }
                        break
                    }
                    if c == lf || (c == cr && !(k + 1 < n && bytes[k + 1] == lf)) { line += 1 }
                    k += 1
                }
                fields.append(Field(start: start + 1, end: k, doubled: doubled))
                k += 1   // past the closing quote
                guard k < n else { i = n; return true }
                let c = bytes[k]
                if c == delimiter { start = k + 1; if start == n { fields.append(Field(start: n, end: n, doubled: false)); i = n; return true }; continue }
                if c == lf || c == cr {
                    i = k + (c == cr && k + 1 < n && bytes[k + 1] == lf ? 2 : 1)
                    line += 1
                    return true
                }
                throw InputError(path: path, location: "line \(line)",
                                 problem: "text after the closing quote of a field (a quote inside a quoted field "
                                 + "is written twice: \"\")")
            }
            // A plain field: up to the delimiter or the line end (a quote inside it is kept as text).
            var k = start
            while k < n {
                let c = bytes[k]
                if c == delimiter || c == lf || c == cr { break }
                k += 1
            }
            fields.append(Field(start: start, end: k, doubled: false))
            guard k < n else { i = n; return true }
            let c = bytes[k]
            if c == delimiter {
                start = k + 1
                if start == n { fields.append(Field(start: n, end: n, doubled: false)); i = n; return true }
                continue
            }
            i = k + (c == cr && k + 1 < n && bytes[k + 1] == lf ? 2 : 1)
            line += 1
            return true
        }
    }

    /// The text of a field.
    func text(_ f: Field) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[f.start..<f.end])
        guard f.doubled else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var k = 0
        while k < slice.count {
            out.append(slice[k])
            k += slice[k] == UInt8(ascii: "\"") ? 2 : 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
