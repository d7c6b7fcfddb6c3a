// swift-tools-version: 6.1
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "BerthMetadata",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "BerthMetadata", targets: ["BerthMetadata"]),
        .library(name: "MetadataConformance", targets: ["MetadataConformance"]),
    ],
    dependencies: [.package(path: "../BerthModel")],
    targets: [
        .systemLibrary(name: "CBerthSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(
            name: "BerthMetadata",
            dependencies: ["CBerthSQLite", .product(name: "BerthModel", package: "BerthModel")],
            swiftSettings: settings
        ),
        .target(
            name: "MetadataConformance",
            dependencies: ["BerthMetadata", .product(name: "BerthModel", package: "BerthModel")],
            swiftSettings: settings
        ),
    ]
)
