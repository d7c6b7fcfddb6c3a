// swift-tools-version: 6.1
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "BerthBlobStore",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "BerthBlobStore", targets: ["BerthBlobStore"]),
        .library(name: "BlobStoreConformance", targets: ["BlobStoreConformance"]),
    ],
    dependencies: [.package(path: "../BerthModel"), .package(path: "../BerthCrypto")],
    targets: [
        .target(
            name: "BerthBlobStore",
            dependencies: [.product(name: "BerthModel", package: "BerthModel")],
            swiftSettings: settings
        ),
        .target(
            name: "BlobStoreConformance",
            dependencies: [
                "BerthBlobStore", .product(name: "BerthModel", package: "BerthModel"), .product(name: "BerthCrypto", package: "BerthCrypto"),
            ],
            swiftSettings: settings
        ),
    ]
)
