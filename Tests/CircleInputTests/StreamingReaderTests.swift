@testable import CircleInput
import CircleSupport
import Foundation
import Testing

/// The streaming point readers (issue 14 §2) read exactly what the whole-file parsers read: the
/// same records, lines, numbers and errors.
@Suite struct StreamingReaderTests {
    /// Every record and error of `CSVRecords`, as `CSVParser.rows` gives them.
    func records(_ text: String) -> Result<[[String]], InputError> {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var scan = CSVRecords(bytes: buffer, delimiter: UInt8(ascii: ","), path: "x.csv")
            var out: [[String]] = []
            do {
                while try scan.next() { out.append(["\(scan.recordLine)"] + scan.fields.map { scan.text($0) }) }
                return .success(out)
            } catch let e as InputError {
                return .failure(e)
            } catch {
                fatalError("\(error)")
            }
        }
    }

    func reference(_ text: String) -> Result<[[String]], InputError> {
        do {
            return .success(try CSVParser.rows(text, delimiter: UInt8(ascii: ","), path: "x.csv").map { ["\($0.line)"] + $0.fields })
        } catch let e as InputError {
            return .failure(e)
        } catch {
            fatalError("\(error)")
        }
    }

    @Test func theRecordScannerAgreesWithTheWholeFileParserOnRandomTexts() {
        let alphabet: [String] = ["a", "b", ",", "\"", "\n", "\r", "\r\n", " ", "é"]
        var state: UInt64 = 14
        var disagreements: [String] = []
        for _ in 0..<20_000 {
            var text = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 59)   // 0…31 pieces
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += alphabet[Int(state >> 33) % alphabet.count]
            }
            let got = records(text), want = reference(text)
            switch (got, want) {
            case (.success(let a), .success(let b)) where a == b: continue
            case (.failure(let a), .failure(let b)) where a.location == b.location && a.problem == b.problem: continue
            default: disagreements.append(text.debugDescription)
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    @Test func theFastNumberPathGivesExactlyWhatTheGeneralOneGives() {
        var state: UInt64 = 7
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        var texts = ["0", "-0", "+2", "5.", ".5", "1e5", "1E+05", "-.5e-3", "007", "121.7729799", "31.1359954",
                     "0.1", "0.3", "9007199254740993", "123456789012345", "1234567890123456", "1e22", "1e23",
                     "1.7976931348623157e308", "4.9e-324", "1e-22", "e5", ".", "-", "1.2.3", "1e", "0x18", " 1", "1 "]
        for _ in 0..<50_000 {
            // 1 to 17 digits: most within the fast path's 15, some beyond it.
            let digits = String(next() % (0..<(Int(next() % 17) + 1)).reduce(UInt64(10)) { p, _ in p * 10 })
            let cut = Int(next() % UInt64(digits.count + 1))
            var text = String(digits.prefix(cut)) + (next() % 3 == 0 ? "" : ".") + String(digits.dropFirst(cut))
            if next() % 4 == 0 { text += "e" + String(Int(next() % 50) - 25) }
            if next() % 2 == 0 { text = "-" + text }
            texts.append(text)
        }
        var checked = 0
        for text in texts {
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer {
                CSVPoints.fastNumber($0, CSVRecords.Field(start: 0, end: bytes.count, doubled: false))
            }
            guard let fast else { continue }
            checked += 1
            #expect(fast.bitPattern == Columns.number(text)?.bitPattern, "\(text): \(fast) vs \(String(describing: Columns.number(text)))")
        }
        #expect(checked > 25_000)
    }

    @Test func aBrokenQuoteLaterInTheFileIsReportedBeforeABadRowEarlier() throws {
        var rows = ["id,name,lon,lat", "1,a,24.9,60.1", "2,b,24.9"]
        for k in 3...60 { rows.append("\(k),\(k == 50 ? "\"never closed" : "n"),24.9,60.1") }
        #expect(throws: InputError.self) { try CSVPoints.read(text: rows.joined(separator: "\n"), path: "p.csv") }
        do {
            _ = try CSVPoints.read(text: rows.joined(separator: "\n"), path: "p.csv")
        } catch let e as InputError {
            #expect(e.location == "line 51" && e.problem.contains("never closed"), "\(e)")
        }
        rows[50] = "50,closed,24.9,60.1"
        do {
            _ = try CSVPoints.read(text: rows.joined(separator: "\n"), path: "p.csv")
            Issue.record("a row of 3 fields was read")
        } catch let e as InputError {
            #expect(e.location == "line 3" && e.problem == "3 fields, the header has 4 (fields separated by commas)", "\(e)")
        }
    }

    @Test func quotedFieldsCRLFAndBlankLinesReadAsBefore() throws {
        let text = "ID,Name,lon,lat\r\n\"7\",\"a \"\"b\"\", c\nd\",24.9,60.1\r\n\r\n,plain,+24.5,.5\r\n"
        let points = try CSVPoints.read(text: text, path: "q.csv")
        #expect(points.map(\.id) == ["7", "2"])
        #expect(points[0].attributes["name"] == "a \"b\", c\nd" && points[0].attributes["id"] == "7")
        #expect(points[0].location == "line 2" && points[1].location == "line 5")
        #expect(points[1].lon == 24.5 && points[1].lat == 0.5 && points[1].attributes["id"] == "")
    }

    // MARK: GeoJSON

    func feature(_ properties: String, _ lon: String = "121.5", _ lat: String = "31.2") -> String {
        "{\"type\": \"Feature\", \"properties\": {\(properties)}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [\(lon), \(lat)]}}"
    }

    func geojson(_ features: [String]) -> [UInt8] {
        Array("{\"type\": \"FeatureCollection\", \"features\": [\(features.joined(separator: ",\n"))]}".utf8)
    }

    @Test func propertyNamesAreCheckedAgainWhenAFeatureChangesThem() throws {
        let bytes = geojson([feature("\"id\": 1, \"name\": \"A\""), feature("\"id\": 2, \"name\": \"B\""),
                             feature("\"id\": 3, \"name\": \"C\", \"Name\": \"D\"")])
        do {
            _ = try PointReader.read(bytes: bytes, path: "f.geojson")
            Issue.record("two names differing in case were read")
        } catch let e as InputError {
            #expect(e.location == "feature 3", "\(e)")
            #expect(e.problem == "'name' (property 2) and 'Name' (property 3) differ only in case or spaces: which one counts is ambiguous; keep one")
        }
    }

    @Test func featuresWithTheSameNamesEscapedOrNotReadTheSameAttributes() throws {
        let points = try PointReader.read(bytes: geojson([
            feature("\"id\": \"a\", \" Kind \": \"x\", \"n\\u0061me\": 1.50"), feature("\"id\": \"b\", \" Kind \": null, \"name\": [1, {\"k\": true}]"),
            feature("\"id\": \"c\", \" Kind \": \"z\", \"name\": \"q\"", "121.25", "31.5e0"),
        ]), path: "g.geojson")
        #expect(points.map(\.id) == ["a", "b", "c"])
        #expect(points[0].attributes == ["id": "a", "kind": "x", "name": "1.50"])
        #expect(points[1].attributes == ["id": "b", "name": "[1,{\"k\":true}]"])
        #expect(points[2].lon == 121.25 && points[2].lat == 31.5 && points[2].location == "feature 3")
    }

    @Test func aPositionOfThreeNumbersOrOfTextTakesTheGeneralPath() throws {
        let points = try PointReader.read(bytes: geojson([feature("\"id\": 1", "121.5", "31.25, 4")]), path: "h.geojson")
        #expect(points.count == 1 && points[0].lat == 31.25)
        do {
            _ = try PointReader.read(bytes: geojson([feature("\"id\": 1", "\"121.5\"", "31.25")]), path: "h.geojson")
            Issue.record("a quoted longitude was read")
        } catch let e as InputError {
            #expect(e.location == "feature 1" && e.problem.hasPrefix("field coordinates is not a [lon, lat] position of two numbers: [a string, 31.25]"), "\(e)")
        }
    }
}
