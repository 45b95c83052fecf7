import CircleInput
import CircleSupport
import Foundation
import Testing

/// Readers never drop or invent data silently (issue 10 §3): every case here was read without a
/// word before, and now stops naming the file, the line or feature, and the problem.
@Suite struct StrictReaderTests {
    func write(_ text: String, _ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sr-\(UUID().uuidString)-\(name)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func error(_ text: String, _ name: String = "bad.csv", fields: [Columns.Field] = []) throws -> InputError? {
        let path = try write(text, name)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try PointReader.read(path: path, fields: fields)
            return nil
        } catch let e as InputError {
            #expect(e.path == path)
            return e
        }
    }

    // MARK: CSV

    @Test func anUnterminatedQuoteNamesTheLineWhereItOpened() throws {
        var rows = ["id,name,lon,lat"]
        for k in 1...400 { rows.append("O\(k),\(k == 200 ? "\"Broken name" : "Name \(k)"),24.94,60.17") }
        let e = try #require(try error(rows.joined(separator: "\n") + "\n"))
        #expect(e.location == "line 201")
        #expect(e.problem.contains("never closed (an unmatched \")"), "\(e.problem)")
    }

    @Test func textAfterAClosingQuoteIsAnError() throws {
        let e = try #require(try error("id,name,lon,lat\n1,\"a\"b,24.9,60.1\n"))
        #expect(e.location == "line 2" && e.problem.contains("text after the closing quote"))
    }

    @Test(arguments: [";", "\t"])
    func semicolonAndTabDelimitedFilesAreRead(delimiter: String) throws {
        let text = ["编号", "名称", "lon", "lat"].joined(separator: delimiter) + "\n"
            + ["A1", "\"x\(delimiter)y, z\"", "24.94", "60.17"].joined(separator: delimiter) + "\n"
            + ["A2", "二", "24.95", "60.18"].joined(separator: delimiter) + "\n"
        let path = try write(text, "d.csv")
        let points = try PointReader.read(path: path)
        #expect(points.map(\.id) == ["A1", "A2"])
        #expect(points[0].attributes["名称"] == "x\(delimiter)y, z" && points[1].lat == 60.18)
    }

    @Test func aSemicolonFileWithDecimalCommasSaysSo() throws {
        let e = try #require(try error("id;lon;lat\n1;24,94;60,17\n"))
        #expect(e.location == "line 2" && e.problem.contains("write decimals with a point"), "\(e.problem)")
    }

    @Test func anUnrecognisedHeaderSaysHowItWasSplit() throws {
        let e = try #require(try error("id|lon|lat\n1|24.9|60.1\n"))
        #expect(e.problem.contains("read as comma-separated, has 1 column: 'id|lon|lat'"), "\(e.problem)")
    }

    @Test(arguments: [
        ("id,lon,lat,x,y\n1,24.9,60.1,1,2\n", "'lon' (column 2) and 'x' (column 4) both give the longitude"),
        ("id,lat,lon,lat\n1,60.1,24.9,60.2\n", "columns 2 and 4 are both named 'lat'"),
        ("id,Lat,lon,lat\n1,60.1,24.9,60.2\n", "'Lat' (column 2) and 'lat' (column 4) differ only in case"),
        ("id,编号,lon,lat\n1,2,24.9,60.1\n", "'id' (column 1) and '编号' (column 2) both give the id"),
    ])
    func twoColumnsForOneFieldNameBoth(text: String, phrase: String) throws {
        let e = try #require(try error(text))
        #expect(e.location == "line 1" && e.problem.contains(phrase), "\(e.problem)")
    }

    @Test func twoColumnsForACallersFieldNameBoth() throws {
        let e = try #require(try error("id,kind,类型,lon,lat\n1,居委,居委,24.9,60.1\n",
                                       fields: [Columns.Field("kind", Columns.kind)]))
        #expect(e.problem.contains("'kind' (column 2) and '类型' (column 3) both give the kind"), "\(e.problem)")
    }

    @Test func anEmptyIdCellGetsTheRowNumber() throws {
        let path = try write("id,lon,lat\nA,24.9,60.1\n,24.9,60.1\n  ,24.9,60.1\n", "ids.csv")
        #expect(try PointReader.read(path: path).map(\.id) == ["A", "2", "3"])
    }

    @Test(arguments: ["0x18.F", "nan", "inf", "1e", "--1", "1.2.3", "0x1p3"])
    func coordinatesMustBeDecimalNumbers(value: String) throws {
        let e = try #require(try error("id,lon,lat\n1,\(value),60.1\n"))
        #expect(e.location == "line 2" && e.problem.contains("field lon is not a number"), "\(value): \(e.problem)")
    }

    /// Random fields with quotes, delimiters, line breaks and CJK, written by a reference RFC 4180
    /// writer, read back equal.
    @Test func csvQuotingRoundTrips() throws {
        var r = Random(seed: 42)
        let alphabet: [String] = ["a", "Z", " ", ",", ";", "\t", "\"", "\"\"", "\n", "\r\n", "\r", "居委", "社区食堂", "é", "😀", "'", "x"]
        for round in 0..<200 {
            let delimiter = [",", ";", "\t"][round % 3]
            let lineEnd = round % 2 == 0 ? "\n" : "\r\n"
            var names: [String] = []
            var text = ["id", "name", "lon", "lat"].joined(separator: delimiter) + lineEnd
            for k in 0..<Int.random(in: 1...20, using: &r) {
                let name = (0..<Int.random(in: 0...6, using: &r)).map { _ in alphabet.randomElement(using: &r)! }.joined()
                names.append(name)
                text += ["R\(k)", Self.quoted(name, delimiter: delimiter), "24.9", "60.1"].joined(separator: delimiter) + lineEnd
            }
            let path = try write(text, "q.csv")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let points = try PointReader.read(path: path)
            #expect(points.map { $0.attributes["name"] ?? "<missing>" } == names, "round \(round): \(text.debugDescription)")
            #expect(points.map(\.id) == names.indices.map { "R\($0)" })
        }
    }

    /// RFC 4180: a field holding a delimiter, quote or line break (or leading/trailing blanks) is
    /// quoted, its quotes doubled.
    static func quoted(_ field: String, delimiter: String) -> String {
        let special = field.contains(delimiter) || field.contains("\"") || field.contains("\n") || field.contains("\r")
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        return special ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    typealias Random = SplitMix64

    // MARK: GeoJSON

    func feature(_ geometry: String, properties: String = "{}", extra: String = "") -> String {
        #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":\#(properties),"geometry":\#(geometry)\#(extra)}]}"#
    }

    @Test func propertiesEqualUpToCaseAreRefusedNamingTheFeature() throws {
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kind":"居委"},"geometry":{"type":"Point","coordinates":[24.9,60.1]}},"#
            + #"{"type":"Feature","properties":{"Kind":"村委","kind":"居委"},"geometry":{"type":"Point","coordinates":[24.9,60.1]}}]}"#
        for _ in 0..<8 {
            let e = try #require(try error(text, "k.geojson"))
            #expect(e.location == "feature 2")
            #expect(e.problem == "'Kind' (property 1) and 'kind' (property 2) differ only in case or spaces: which one counts is ambiguous; keep one")
        }
    }

    @Test func twoPropertiesForACallersFieldNameBoth() throws {
        let e = try #require(try error(feature(#"{"type":"Point","coordinates":[24.9,60.1]}"#, properties: #"{"kind":"居委","类型":"村委"}"#),
                                       "k.geojson", fields: [Columns.Field("kind", Columns.kind)]))
        #expect(e.location == "feature 1" && e.problem.contains("'kind' (property 1) and '类型' (property 2) both give the kind"),
                "\(e.problem)")
    }

    @Test(arguments: [
        (#"{"type":"Point","coordinates":[true,false]}"#, "not a [lon, lat] position of two numbers: [true or false, true or false]"),
        (#"{"type":"Point","coordinates":["24.9","60.1"]}"#, "position of two numbers: [a string, a string]"),
        (#"{"type":"Point","coordinates":[24.9]}"#, "position of two numbers: [24.9]"),
        (#"{"type":"Point","coordinates":[24.9,null]}"#, "position of two numbers: [24.9, null]"),
        (#"{"type":"MultiPoint","coordinates":[]}"#, "an empty MultiPoint"),
        (#"{"type":"MultiPoint","coordinates":[[24.9,60.1],[1,"x"]]}"#, "position of two numbers: [1, a string]"),
    ])
    func coordinatesMustBeJSONNumbers(geometry: String, phrase: String) throws {
        let e = try #require(try error(feature(geometry), "c.geojson"))
        #expect(e.location == "feature 1" && e.problem.contains(phrase), "\(e.problem)")
        #expect(e.problem.contains("(at line 1, column "), "\(e.problem)")
    }

    @Test func aHexadecimalCoordinateIsMalformedJSONWithItsPosition() throws {
        let e = try #require(try error(feature(#"{"type":"Point","coordinates":[0x18.F,60.1]}"#), "h.geojson"))
        #expect(e.location == "line 1, column 117")
        #expect(e.problem == "not valid JSON: a hexadecimal number (JSON numbers are decimal)")
    }

    @Test func malformedJSONGivesLineAndColumn() throws {
        let text = "{\"type\":\"FeatureCollection\",\n \"features\":[\n  {\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[24.9,60.1]},}\n]}"
        let e = try #require(try error(text, "m.geojson"))
        #expect(e.location == "line 3, column 75")
        #expect(e.problem == "not valid JSON: a trailing ',' before '}'")
        #expect(!e.problem.contains("The data is not in the correct format"))
    }

    @Test func deeplyNestedGeoJSONIsRefusedNotACrash() throws {
        let text = "{\"type\":\"FeatureCollection\",\"features\":" + String(repeating: "[", count: 200_000)
            + String(repeating: "]", count: 200_000) + "}"
        let e = try #require(try error(text, "n.geojson"))
        #expect(e.problem.contains("nesting deeper than 512 levels"), "\(e.problem)")
    }

    @Test func aNullIdIsNoIdAndOtherIdsAreKeptAsWritten() throws {
        let text = #"{"type":"FeatureCollection","features":["#
            + #"{"type":"Feature","id":null,"properties":{},"geometry":{"type":"Point","coordinates":[24.9,60.1]}},"#
            + #"{"type":"Feature","id":null,"properties":{"id":null},"geometry":{"type":"Point","coordinates":[24.9,60.1]}},"#
            + #"{"type":"Feature","id":"","properties":{"id":"p4"},"geometry":{"type":"Point","coordinates":[24.9,60.1]}},"#
            + #"{"type":"Feature","id":12.50,"properties":{"pop":3200,"ok":true,"tags":[1, "a"]},"geometry":{"type":"Point","coordinates":[24.9,60.1]}}]}"#
        let path = try write(text, "ids.geojson")
        let points = try PointReader.read(path: path)
        #expect(points.map(\.id) == ["1", "2", "p4", "12.50"])
        #expect(points[3].attributes == ["pop": "3200", "ok": "true", "tags": #"[1,"a"]"#])
        let bad = try #require(try error(feature(#"{"type":"Point","coordinates":[24.9,60.1]}"#, extra: #","id":true"#), "b.geojson"))
        #expect(bad.problem.contains("field id is true or false, not a string or number"), "\(bad.problem)")
    }
}
