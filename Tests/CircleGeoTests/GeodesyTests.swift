import CircleGeo
import Foundation
import Testing

@Suite struct GeodesyTests {
    @Test func haversineKnownDistances() {
        // One degree of latitude on the 6,371,008.8 m sphere.
        #expect(abs(Geodesy.haversine(lon1: 0, lat1: 0, lon2: 0, lat2: 1) - 111_195.08) < 0.01)
        // 0.001° of longitude at 31.2°N: 111.19508 m × cos(31.2°).
        let d = Geodesy.haversine(lon1: 121.5, lat1: 31.2, lon2: 121.501, lat2: 31.2)
        #expect(abs(d - 111.195_08 * cos(31.2 * .pi / 180)) < 1e-3)
        // Symmetric, zero on a point.
        #expect(Geodesy.haversine(lon1: 24.9, lat1: 60.1, lon2: 24.9, lat2: 60.1) == 0)
        #expect(Geodesy.haversine(fixedLon1: 249_000_000, fixedLat1: 601_000_000, fixedLon2: 249_100_000, fixedLat2: 601_100_000)
                == Geodesy.haversine(lon1: 24.91, lat1: 60.11, lon2: 24.9, lat2: 60.1))
    }

    @Test func localPlaneAgreesWithHaversineNearby() {
        let plane = LocalPlane(lon0: 121.5, lat0: 31.2)
        for (dlon, dlat) in [(0.003, 0.0), (0.0, 0.004), (0.002, -0.003)] {
            let p = plane.project(lon: 121.5 + dlon, lat: 31.2 + dlat)
            let planar = (p.x * p.x + p.y * p.y).squareRoot()
            let sphere = Geodesy.haversine(lon1: 121.5, lat1: 31.2, lon2: 121.5 + dlon, lat2: 31.2 + dlat)
            #expect(abs(planar - sphere) < 1e-5 * sphere)   // a few mm at 500 m
            let back = plane.unproject(x: p.x, y: p.y)
            #expect(abs(back.lon - (121.5 + dlon)) < 1e-12 && abs(back.lat - (31.2 + dlat)) < 1e-12)
        }
    }

    @Test func linkedLibraries() {
        #expect(GeoLibraries.geosVersion.hasPrefix("3."))
        #expect(GeoLibraries.projVersion.split(separator: ".").count == 3)
    }
}
