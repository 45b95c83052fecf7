@testable import CircleInput
import CircleSupport
import Foundation
import Testing

/// The columnar readers (issue 14 §2) against the readers before them (`ReferencePointReader`,
/// kept verbatim): on random CSV and GeoJSON texts, well formed and not, the same points (ids,
/// positions, attributes, locations) or the same first error, word for word.
@Suite struct PointTableTests {
    /// The points, or the error, a reader gives.
    func outcome(_ read: () throws -> [InputPoint]) -> Result<[InputPoint], InputError> {
        do {
            return .success(try read())
        } catch let e as InputError {
            return .failure(e)
        } catch {
            return .failure(InputError(path: "?", problem: "not an InputError: \(error)"))
        }
    }

    /// Reads `bytes` with the new and the reference reader under each option; the descriptions
    /// of the disagreements (none expected), and how many reads gave points.
    func compare(_ bytes: [UInt8], path: String, into disagreements: inout [String], read: inout Int) {
        let options: [(Double?, [Columns.Field])] = [(nil, []), (nil, Columns.originFields), (50, Columns.facilityFields)]
        for (spacing, fields) in options {
            let new = outcome { try PointReader.read(bytes: bytes, path: path, polygonSpacing: spacing, fields: fields) }
            let old = outcome { try ReferencePointReader.read(bytes: bytes, path: path, polygonSpacing: spacing, fields: fields) }
            if new == old {
                if case .success = new { read += 1 }
                continue
            }
            disagreements.append("\(String(decoding: bytes, as: UTF8.self).debugDescription): new \(new), old \(old)")
        }
    }

    @Test func csvReadsTheSamePointsAndErrorsAsBefore() {
        var random = SplitMix64(seed: 2026)
        func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }
        let names = ["id", "ID", " name ", "Name", "kind", "类型", "population", "pop", "", "x", "note", "area_class"]
        let numbers = ["121.5", "-3", "1e3", "31.25", " 31.2 ", "+2", ".5", "12345678901234567", "0.1000000000000000055"]
        let text = ["", "abc", "é", "\"quoted, with comma\"", "\"a \"\"b\"\"\"", "\"line\nbreak\"", " 7 ", "0x10", "1,5",
                    "nan", "200", "\"x", "\"q\"z", "居委", "\"\""]
        let ends = ["\n", "\r\n", "\r"]
        var disagreements: [String] = [], read = 0
        for _ in 0..<6_000 {
            let delimiter = pick([",", ",", ";", "\t"])
            var header = (0..<Int(random.next() % 4)).map { _ in pick(names) }
            if random.next() % 8 != 0 { header.insert(pick(["lon", "LNG", "x", "经度", "Longitude "]), at: Int(random.next() % UInt64(header.count + 1))) }
            if random.next() % 8 != 0 { header.insert(pick(["lat", "纬度", "y", " LAT"]), at: Int(random.next() % UInt64(header.count + 1))) }
            let lower = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            var out = (random.next() % 10 == 0 ? "\u{FEFF}" : "") + header.joined(separator: delimiter)
            for _ in 0..<Int(random.next() % 6) {
                out += pick(ends)
                if random.next() % 12 == 0 { continue }   // a blank line
                var cells = lower.map { name -> String in
                    let position = PointReader.lonColumns.contains(name) || PointReader.latColumns.contains(name)
                    return position && random.next() % 6 != 0 ? pick(numbers) : pick(random.next() % 3 == 0 ? numbers : text)
                }
                if random.next() % 15 == 0 { cells.append("extra") }
                out += cells.joined(separator: delimiter)
            }
            if random.next() % 2 == 0 { out += pick(ends) }
            compare(Array(out.utf8), path: "p.csv", into: &disagreements, read: &read)
        }
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(3))")
        #expect(read > 1_000, "too few texts were read without error to compare points: \(read)")
    }

    @Test func geojsonReadsTheSamePointsAndErrorsAsBefore() {
        var random = SplitMix64(seed: 14)
        func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }
        let keys = ["id", "ID", "name", "n\\u0061me", "kind", " Kind ", "类型", "population", "pop", "", " ", "type", "编号"]
        let values = ["\"text\"", "\"a\\\"b\"", "\"\\u00e9\\n\"", "12", "-1.50", "1e3", "true", "false", "null",
                      "[1, {\"k\": true}]", "{}", "\" 7 \"", "\"\"", "\"居委\"", "0.1000000000000000055"]
        let geometries = ["{\"type\": \"Point\", \"coordinates\": [121.5, 31.25]}",
                          "{\"type\": \"Point\", \"coordinates\": [121.47, 31.2, 4]}",
                          "{\"coordinates\": [-73.9, 40.7], \"type\": \"Point\"}",
                          "{\"type\": \"Point\", \"coordinates\": [\"121.5\", 31.25]}",
                          "{\"type\": \"Point\", \"coordinates\": [200, 31.25]}",
                          "{\"type\": \"MultiPoint\", \"coordinates\": [[121.5, 31.25], [121.6, 31.3]]}",
                          "{\"type\": \"MultiPoint\", \"coordinates\": []}",
                          "{\"type\": \"Polygon\", \"coordinates\": [[[121.5, 31.2], [121.501, 31.2], [121.501, 31.201], [121.5, 31.2]]]}",
                          "{\"type\": \"LineString\", \"coordinates\": [[121.5, 31.2], [121.6, 31.3]]}",
                          "{\"type\": \"Po\\u0069nt\", \"coordinates\": [1, 2]}", "null", "{}"]
        var disagreements: [String] = [], read = 0
        for _ in 0..<6_000 {
            var features: [String] = []
            for _ in 0..<Int(random.next() % 5) {
                var members: [String] = []
                switch random.next() % 10 {
                case 0: break
                case 1: members.append("\"type\": \"Feat\"")
                default: members.append("\"type\": \"Feature\"")
                }
                if random.next() % 4 == 0 { members.append("\"id\": " + pick(["\"f1\"", "3", "null", "\"\"", "[1]", "\" q \""])) }
                switch random.next() % 8 {
                case 0: break
                case 1: members.append("\"properties\": " + pick(["null", "[]", "3"]))
                default:
                    var entries: [String] = [], used: [String] = []
                    for _ in 0..<Int(random.next() % 5) {
                        let k = pick(keys)
                        if used.contains(k) && random.next() % 4 != 0 { continue }   // sometimes a duplicate key
                        used.append(k)
                        entries.append("\"\(k)\": \(pick(values))")
                    }
                    members.append("\"properties\": {\(entries.joined(separator: ", "))}")
                }
                if random.next() % 12 != 0 { members.append("\"geometry\": " + pick(geometries)) }
                if random.next() % 3 == 0 { members.shuffle(using: &random) }
                features.append("{" + members.joined(separator: ", ") + "}")
            }
            if random.next() % 20 == 0 { features.append(pick(["3", "[]", "\"x\""])) }
            let text = "{\"type\": \"FeatureCollection\", \"features\": [\n" + features.joined(separator: ",\n") + "\n]}"
            var bytes = Array(text.utf8)
            switch random.next() % 10 {
            case 0: bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count))))   // cut short
            case 1: bytes[Int(random.next() % UInt64(bytes.count))] = pick(Array("{}[],:\" x1".utf8))   // one byte changed
            case 2: bytes = [0xEF, 0xBB, 0xBF] + bytes
            default: break
            }
            compare(bytes, path: "f.geojson", into: &disagreements, read: &read)
        }
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(3))")
        #expect(read > 1_000, "too few texts were read without error to compare points: \(read)")
    }

    @Test func anAttributeReadsWhatColumnsValueReadsFromThePointsAttributes() throws {
        let csv = "ID,Name,kind,类型,lon,lat,note\n"
            + "a, Ann ,居委,,121.5,31.2,\"x, y\"\n"
            + "b,,  ,village,121.6,31.3,\"say \"\"hi\"\"\"\n"
            + ",Bo,residential,x,121.7,31.4,\n"
        let geojson = """
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"Kind": "居委", "name": " A ", "n": 1.50}, "geometry": {"type": "Point", "coordinates": [1, 2]}},
            {"type": "Feature", "properties": {"kind": null, "类型": "village", "name": "\\u0042"}, "geometry": {"type": "Point", "coordinates": [3, 4]}},
            {"type": "Feature", "id": 9, "properties": {"note": [1, {"k": true}], "kind": false}, "geometry": {"type": "MultiPoint", "coordinates": [[5, 6], [7, 8]]}}
            ]}
            """
        let aliases = [Columns.kind, Columns.name, ["Name", "NAME"], ["note"], ["n"], ["id", "ID"], ["missing"]]
        var checked = 0
        for (text, path) in [(csv, "a.csv"), (geojson, "a.geojson")] {
            let table = try PointReader.table(bytes: Array(text.utf8), path: path)
            let points = table.points
            #expect(points == (try ReferencePointReader.read(bytes: Array(text.utf8), path: path)))
            for names in aliases {
                let attribute = table.attribute(names)
                for i in 0..<table.count {
                    #expect(table.value(attribute, i) == Columns.value(names, in: points[i].attributes), "\(path) \(names) \(i)")
                    checked += 1
                }
            }
        }
        #expect(checked == aliases.count * 7)
        let table = try PointReader.table(bytes: Array(csv.utf8), path: "a.csv")
        #expect(table.value(table.attribute(Columns.kind), 0) == "居委")
        #expect(table.value(table.attribute(Columns.kind), 1) == "village")   // a blank kind gives way to 类型
        #expect(table.value(table.attribute(["note"]), 1) == "say \"hi\"")
        #expect(table.ids == ["a", "b", "3"] && table.location(2) == "line 4")
    }

    @Test func aTableMadeFromPointsGivesThemBack() throws {
        let points = [InputPoint(id: "p1", lon: 121.5, lat: 31.2, attributes: ["kind": "居委", "name": "A"], location: "row 2"),
                      InputPoint(id: "p2", lon: 121.6, lat: 31.3, attributes: [:], location: "feature 7"),
                      InputPoint(id: "p1", lon: 121.7, lat: 31.4, attributes: ["name": "", "note": "x"], location: "row 3")]
        let table = PointTable(points: points)
        #expect(table.points == points)
        #expect(table.value(table.attribute(Columns.name), 0) == "A" && table.value(table.attribute(Columns.name), 2) == nil)
        #expect(table.location(1) == "feature 7")
    }
}
