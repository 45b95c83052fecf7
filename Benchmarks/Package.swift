// swift-tools-version: 6.0
// Benchmarks for ServiceCircle, a separate package so `make test` never builds it.
// Run with `make bench` from the top level (release build).
import Foundation
import PackageDescription

// A path dependency is known by its folder's name: "main" in the main clone, the worktree's name
// elsewhere.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .resolvingSymlinksInPath().lastPathComponent

let package = Package(
    name: "ServiceCircleBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "circle-bench",
                          dependencies: [.product(name: "CircleEngine", package: root)]),
    ],
    swiftLanguageModes: [.v6]
)
