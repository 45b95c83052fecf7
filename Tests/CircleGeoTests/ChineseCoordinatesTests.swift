import CircleGeo
import Foundation
import Testing

/// Reference values, all published with the libraries' own tests:
///
/// - eviltransform (github.com/googollee/eviltransform, `python/test.py`, `TESTS`): WGS 84 → GCJ-02 for
///   Shanghai (Pudong), Shenzhen and Beijing, given to ~1e-14°.
/// - coordtransform (github.com/wandergis/coordtransform, `test/app.js`, "//result" block): the four
///   conversions of (116.404, 39.915) near Tiananmen.
/// - gcoord (github.com/hujiulong/gcoord, `test/fixtures/china-cities.json`): GCJ-02/BD-09 pairs of
///   Chinese cities, rounded to 7 decimals (its WGS 84 column comes from map services and is off the
///   published algorithm by ~5e-6°, so only the GCJ-02 ↔ BD-09 columns are used here).
@Suite struct ChineseCoordinatesTests {
    typealias LonLat = (lon: Double, lat: Double)

    static func close(_ a: LonLat, _ b: LonLat, within tolerance: Double) -> Bool {
        abs(a.lon - b.lon) <= tolerance && abs(a.lat - b.lat) <= tolerance
    }

    static func metres(_ a: LonLat, _ b: LonLat) -> Double {
        Geodesy.haversine(lon1: a.lon, lat1: a.lat, lon2: b.lon, lat2: b.lat)
    }

    /// eviltransform `TESTS` (wgsLat, wgsLng, gcjLat, gcjLng), reordered to lon/lat.
    static let evilTransform: [(name: String, wgs: LonLat, gcj: LonLat)] = [
        ("Shanghai", (121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),
        ("Shenzhen", (113.912316, 22.543847), (113.9171764808363, 22.540796131694766)),
        ("Beijing", (116.377817, 39.911954), (116.38404722455657, 39.91334545536069)),
    ]

    @Test func wgs84ToGCJ02MatchesEvilTransform() {
        for (name, wgs, gcj) in Self.evilTransform {
            let got = ChineseCoordinates.wgs84ToGCJ02(lon: wgs.lon, lat: wgs.lat)
            #expect(Self.close(got, gcj, within: 1e-9), "\(name): \(got) vs \(gcj)")
        }
    }

    @Test func gcj02ToWGS84RecoversEvilTransformInputs() {
        for (name, wgs, gcj) in Self.evilTransform {
            let got = ChineseCoordinates.gcj02ToWGS84(lon: gcj.lon, lat: gcj.lat)
            #expect(Self.metres(got, wgs) < 0.01, "\(name): \(Self.metres(got, wgs)) m")
            #expect(Self.close(got, wgs, within: 1e-8), "\(name)")
        }
    }

    @Test func tiananmenMatchesCoordtransform() {
        // coordtransform test/app.js: every function applied to (116.404, 39.915).
        let wgsToGCJ = ChineseCoordinates.wgs84ToGCJ02(lon: 116.404, lat: 39.915)
        #expect(Self.close(wgsToGCJ, (116.41024449916938, 39.91640428150164), within: 1e-9))
        let gcjToBD = ChineseCoordinates.gcj02ToBD09(lon: 116.404, lat: 39.915)
        #expect(Self.close(gcjToBD, (116.41036949371029, 39.92133699351021), within: 1e-9))
        let bdToGCJFormula = ChineseCoordinates.bd09ToGCJ02Formula(lon: 116.404, lat: 39.915)
        #expect(Self.close(bdToGCJFormula, (116.39762729119315, 39.90865673957631), within: 1e-9))
        // The refined inverse departs from the closed formula by less than 1e-6° (~0.05 m here)…
        let bdToGCJ = ChineseCoordinates.bd09ToGCJ02(lon: 116.404, lat: 39.915)
        #expect(Self.close(bdToGCJ, (116.39762729119315, 39.90865673957631), within: 1e-6))
        // …and is the exact inverse of the forward formula.
        let back = ChineseCoordinates.gcj02ToBD09(lon: bdToGCJ.lon, lat: bdToGCJ.lat)
        #expect(Self.close(back, (116.404, 39.915), within: 1e-9))
        // coordtransform's gcj02towgs84 is the one-step approximation (116.39775550083061, 39.91359571849836);
        // the iterated inverse lies within a metre of it and maps forward onto the input.
        let gcjToWGS = ChineseCoordinates.gcj02ToWGS84(lon: 116.404, lat: 39.915)
        #expect(Self.metres(gcjToWGS, (116.39775550083061, 39.91359571849836)) < 1)
        let forward = ChineseCoordinates.wgs84ToGCJ02(lon: gcjToWGS.lon, lat: gcjToWGS.lat)
        #expect(Self.close(forward, (116.404, 39.915), within: 1e-9))
    }

    /// gcoord test/fixtures/china-cities.json, columns GCJ02 and BD09.
    static let gcoordCities: [(name: String, gcj: LonLat, bd: LonLat)] = [
        ("泰州市 Taizhou", (119.9231242, 32.4557802), (119.9296902, 32.4615531)),
        ("金华市 Jinhua", (119.6474509, 29.0790641), (119.6538875, 29.0854003)),
        ("驻马店市 Zhumadian", (114.022306, 33.0115324), (114.0287781, 33.0176697)),
    ]

    @Test func bd09MatchesGcoordFixtures() {
        for (name, gcj, bd) in Self.gcoordCities {
            let toBD = ChineseCoordinates.gcj02ToBD09(lon: gcj.lon, lat: gcj.lat)
            #expect(Self.close(toBD, bd, within: 1e-7), "\(name): \(toBD)")
            let toGCJ = ChineseCoordinates.bd09ToGCJ02(lon: bd.lon, lat: bd.lat)
            #expect(Self.close(toGCJ, gcj, within: 1e-7), "\(name): \(toGCJ)")
        }
    }

    /// A 41 × 41 grid over Shanghai (120.85–122.2°E, 30.68–31.88°N).
    static var shanghaiGrid: [LonLat] {
        var grid: [LonLat] = []
        for i in 0...40 {
            for j in 0...40 {
                let lon: Double = 120.85 + 1.35 * Double(i) / 40
                let lat: Double = 30.68 + 1.2 * Double(j) / 40
                grid.append((lon, lat))
            }
        }
        return grid
    }

    @Test func roundTripsOverShanghaiStayUnderOneCentimetre() {
        var worstGCJ = 0.0, worstBD = 0.0, worstBDGCJ = 0.0
        for p in Self.shanghaiGrid {
            let gcj = ChineseCoordinates.wgs84ToGCJ02(lon: p.lon, lat: p.lat)
            // The offset in Shanghai is a few hundred metres.
            let shift = Self.metres(gcj, p)
            #expect(shift > 300 && shift < 800)
            worstGCJ = max(worstGCJ, Self.metres(ChineseCoordinates.gcj02ToWGS84(lon: gcj.lon, lat: gcj.lat), p))
            let bd = ChineseCoordinates.wgs84ToBD09(lon: p.lon, lat: p.lat)
            worstBD = max(worstBD, Self.metres(ChineseCoordinates.bd09ToWGS84(lon: bd.lon, lat: bd.lat), p))
            let bdOfGCJ = ChineseCoordinates.gcj02ToBD09(lon: p.lon, lat: p.lat)
            worstBDGCJ = max(worstBDGCJ, Self.metres(ChineseCoordinates.bd09ToGCJ02(lon: bdOfGCJ.lon, lat: bdOfGCJ.lat), p))
        }
        #expect(worstGCJ < 0.01, "WGS→GCJ→WGS worst \(worstGCJ) m")
        #expect(worstBD < 0.01, "WGS→BD→WGS worst \(worstBD) m")
        #expect(worstBDGCJ < 0.01, "GCJ→BD→GCJ worst \(worstBDGCJ) m")
    }

    @Test func pointsOutsideChinaAreUnchanged() {
        let abroad: [LonLat] = [(24.9384, 60.1699), (-0.1276, 51.5072), (139.6917, 35.6895), (151.2093, -33.8688),
                                (72.0, 30.0), (100.0, 56.0)]
        for p in abroad {
            #expect(ChineseCoordinates.isOutsideChina(lon: p.lon, lat: p.lat))
            let conversions = [ChineseCoordinates.wgs84ToGCJ02, ChineseCoordinates.gcj02ToWGS84,
                               ChineseCoordinates.gcj02ToBD09, ChineseCoordinates.bd09ToGCJ02,
                               ChineseCoordinates.wgs84ToBD09, ChineseCoordinates.bd09ToWGS84]
            for convert in conversions {
                let got = convert(p.lon, p.lat)
                #expect(got.lon == p.lon && got.lat == p.lat)
            }
        }
        #expect(!ChineseCoordinates.isOutsideChina(lon: 121.5, lat: 31.2))
    }
}
