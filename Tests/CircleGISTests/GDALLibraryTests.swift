import CircleGIS
import Testing

@Suite struct GDALLibraryTests {
    @Test func theLibraryLoadsWithItsVectorDrivers() {
        #expect(GDALLibrary.version.hasPrefix("3."))
    }
}
