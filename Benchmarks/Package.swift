// swift-tools-version: 6.0
// Benchmarks for ServiceCircle, a separate package so `make test` never builds it.
// Run with `make bench` from the top level (release build).
import PackageDescription

let package = Package(
    name: "ServiceCircleBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "circle-bench",
                          dependencies: [.product(name: "CircleEngine", package: "main")]),
    ],
    swiftLanguageModes: [.v6]
)
