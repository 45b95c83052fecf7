import CircleGeo
import Foundation
import Testing

/// The areas reader is strict (issue 10 §3): property names that differ only in case, positions
/// that are not JSON numbers and malformed JSON are refused with the feature or the position.
@Suite struct StrictAreaTests {
    static let square = #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#

    func read(_ features: [String]) throws -> (String, AreaError?) {
        let text = #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
        let path = try AreaIndexTests.write(Data(text.utf8))
        do {
            _ = try AreaSet.read(path: path)
            return (path, nil)
        } catch let e as AreaError {
            return (path, e)
        }
    }

    @Test func propertiesEqualUpToCaseAreRefused() throws {
        let ok = #"{"type":"Feature","properties":{"name":"A","area_class":"urban"},"geometry":\#(Self.square)}"#
        let bad = #"{"type":"Feature","properties":{"name":"B","Area_Class":"remote","area_class":"urban"},"geometry":\#(Self.square)}"#
        for _ in 0..<8 {
            let (path, e) = try read([ok, bad])
            let error = try #require(e)
            #expect(error.path == path && error.location == "feature 2")
            #expect(error.problem == "properties 'Area_Class' and 'area_class' differ only in case or spaces: "
                    + "which one counts is ambiguous; keep one")
        }
    }

    @Test(arguments: [
        #"{"type":"Polygon","coordinates":[[[true,false],[1,0],[1,1],[true,false]]]}"#,
        #"{"type":"Polygon","coordinates":[[["0","0"],[1,0],[1,1],["0","0"]]]}"#,
    ])
    func positionsMustBeJSONNumbers(geometry: String) throws {
        let (_, e) = try read([#"{"type":"Feature","properties":{},"geometry":\#(geometry)}"#])
        let error = try #require(e)
        #expect(error.location == "feature 1" && error.problem.contains("not a [lon, lat] pair of numbers (at line 1, column "),
                "\(error.problem)")
    }

    @Test func aHexadecimalCoordinateIsMalformedJSON() throws {
        let (_, e) = try read([#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0x18.F,0],[1,0],[1,1],[0,0]]]}}"#])
        let error = try #require(e)
        #expect(error.location == "line 1, column 121" && error.problem == "not valid JSON: a hexadecimal number (JSON numbers are decimal)",
                "\(error)")
    }

    @Test func deepNestingIsRefused() throws {
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":"# + String(repeating: "[", count: 50_000)
        let path = try AreaIndexTests.write(Data(text.utf8))
        let error = try #require(throws: AreaError.self) { try AreaSet.read(path: path) }
        #expect(error.problem.contains("nesting deeper than 512 levels"), "\(error)")
    }
}
