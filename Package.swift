// swift-tools-version: 6.0
// ServiceCircle: 15-minute service circles over real street networks.
import PackageDescription

let package = Package(
    name: "ServiceCircle",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "circle", targets: ["circle"]),
        .library(name: "CircleEngine", targets: ["CircleEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // C libraries (system, via pkg-config) and the libosmium facade.
        .systemLibrary(name: "CGEOS", path: "Sources/CGEOS", pkgConfig: "geos",
                       providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", path: "Sources/CPROJ", pkgConfig: "proj",
                       providers: [.apt(["libproj-dev", "proj-data"])]),
        // GDAL's headers, and its functions opened with dlopen on first use (Sources/CGDAL/gdal_loader.c):
        // linked, its hundred libraries were loaded at every start. Needs libgdal-dev to build.
        .target(name: "CGDAL", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .systemLibrary(name: "CPQ", path: "Sources/CPQ", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),
        .target(name: "COsmium",
                linkerSettings: [.linkedLibrary("z"), .linkedLibrary("bz2"),
                                 .linkedLibrary("expat"), .linkedLibrary("pthread")]),

        // rename(2) variants (atomic exchange of the output folder) that Glibc does not expose.
        .target(name: "CFileOps"),

        // SHA-256 through libcrypto (OpenSSL; CommonCrypto on macOS): input fingerprints and digests.
        .target(name: "CSHA256", linkerSettings: [.linkedLibrary("crypto", .when(platforms: [.linux]))]),

        // GLPK's branch and cut behind a plain C interface (siting's exact plans).
        .target(name: "CMIP", linkerSettings: [.linkedLibrary("glpk")]),

        // Swift stages, each depending only on those before it.
        .target(name: "CircleSupport", dependencies: ["CFileOps", "CSHA256"]),
        .target(name: "CircleGraph"),
        .target(name: "CircleGeo", dependencies: ["CircleGraph", "CircleSupport", "CGEOS", "CPROJ"]),
        .target(name: "CircleOSM", dependencies: ["CircleGraph", "CircleGeo", "CircleSupport", "COsmium"]),
        .target(name: "CircleInput", dependencies: ["CircleGeo", "CircleSupport"]),
        .target(name: "CircleCoverage", dependencies: ["CircleGraph", "CircleGeo", "CircleSupport"]),
        .target(name: "CircleScore", dependencies: ["CircleSupport"]),
        .target(name: "CircleCatalog", dependencies: ["CircleGraph", "CircleSupport"], exclude: ["Resources"]),
        .target(name: "CircleReport", dependencies: ["CircleSupport"]),
        .target(name: "CircleSiting", dependencies: ["CMIP"]),
        // GIS formats through GDAL/OGR (Shapefile, GeoPackage, XLSX, FlatGeobuf, KML in; GeoPackage and XLSX out).
        .target(name: "CircleGIS", dependencies: ["CGDAL", "CircleGeo", "CircleInput", "CircleSupport"]),
        .target(name: "CircleHistory", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        // The PostGIS run store (`--db`): libpq through CPQ, nothing else touches it.
        .target(name: "CircleStore", dependencies: ["CPQ"]),
        .target(name: "CircleEngine", dependencies: ["CircleSupport", "CircleGraph", "CircleGeo", "CircleOSM",
                                                     "CircleInput", "CircleCoverage", "CircleScore", "CircleCatalog",
                                                     "CircleReport", "CircleHistory", "CircleSiting", "CircleGIS",
                                                     "CircleStore"]),
        // Job files (`circle run`): YAML through Yams, kept out of the engine.
        .target(name: "CircleJob", dependencies: ["CircleEngine", "CircleCatalog",
                                                  .product(name: "Yams", package: "Yams")]),
        .executableTarget(name: "circle", dependencies: [
            "CircleEngine", "CircleCatalog", "CircleJob", "CircleHistory",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "CircleSupportTests", dependencies: ["CircleSupport"]),
        .testTarget(name: "CircleGraphTests", dependencies: ["CircleGraph"]),
        .testTarget(name: "CircleGeoTests", dependencies: ["CircleGeo", "CircleGraph"]),
        .testTarget(name: "CircleOSMTests", dependencies: ["CircleOSM", "CircleGraph", "CircleGeo", "CircleSupport"]),
        .testTarget(name: "CircleInputTests", dependencies: ["CircleInput", "CircleSupport"]),
        .testTarget(name: "CircleCoverageTests", dependencies: ["CircleCoverage", "CircleGraph", "CircleGeo"]),
        .testTarget(name: "CircleScoreTests", dependencies: ["CircleScore"]),
        .testTarget(name: "CircleCatalogTests", dependencies: ["CircleCatalog"]),
        .testTarget(name: "CircleReportTests", dependencies: ["CircleReport"]),
        .testTarget(name: "CircleSitingTests", dependencies: ["CircleSiting", "CircleSupport"]),
        .testTarget(name: "CircleGISTests", dependencies: ["CircleGIS", "CircleInput", "CircleGeo"]),
        .testTarget(name: "CircleCLITests", dependencies: ["circle", "CircleEngine", "CircleGeo", .product(name: "Yams", package: "Yams")]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)

// Fuzz targets (Fuzz/, docs/fuzzing.md): declared only when CIRCLE_FUZZ=1, which `make fuzz`
// sets while building them with libFuzzer and ASan into .build/fuzz (Fuzz/run.sh); never
// part of `swift build` or `make test`.
if Context.environment["CIRCLE_FUZZ"] == "1" {
    let fuzzTargets: [(String, [Target.Dependency])] = [
        ("FuzzCSVPoints", ["CircleInput"]),
        ("FuzzGeoJSONPoints", ["CircleInput", "CircleSupport"]),
        ("FuzzAreas", ["CircleGeo"]),
        ("FuzzJobYAML", ["CircleJob"]),
        ("FuzzCatalog", ["CircleCatalog"]),
        ("FuzzGraphCache", ["CircleOSM"]),
    ]
    for (name, dependencies) in fuzzTargets {
        package.targets.append(.executableTarget(name: name, dependencies: dependencies, path: "Fuzz/Targets/\(name)"))
    }
}
