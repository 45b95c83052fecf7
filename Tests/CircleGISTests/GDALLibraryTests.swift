import CircleGIS
import Testing

@Suite struct GDALLibraryTests {
    @Test func theLibraryLoadsWithItsVectorDrivers() throws {
        #expect(try GDALLibrary.version.hasPrefix("3."))
    }
}
