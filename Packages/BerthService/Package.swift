// swift-tools-version: 6.1
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "BerthService",
    platforms: [.macOS(.v15)],
    products: [.library(name: "BerthService", targets: ["BerthService"])],
    dependencies: [
        .package(path: "../BerthModel"), .package(path: "../BerthCrypto"), .package(path: "../BerthBlobStore"),
        .package(path: "../BerthMetadata"), .package(path: "../BerthAuth"), .package(path: "../BerthWire"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .target(
            name: "BerthService",
            dependencies: [
                .product(name: "BerthModel", package: "BerthModel"), .product(name: "BerthCrypto", package: "BerthCrypto"),
                .product(name: "BerthBlobStore", package: "BerthBlobStore"), .product(name: "BerthMetadata", package: "BerthMetadata"),
                .product(name: "BerthAuth", package: "BerthAuth"), .product(name: "BerthWire", package: "BerthWire"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings
        )
    ]
)
