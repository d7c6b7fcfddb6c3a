// swift-tools-version: 6.1
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "BerthClient",
    platforms: [.macOS(.v15)],
    products: [.library(name: "BerthClient", targets: ["BerthClient"])],
    dependencies: [
        .package(path: "../BerthModel"), .package(path: "../BerthCrypto"), .package(path: "../BerthAuth"), .package(path: "../BerthWire"),
    ],
    targets: [
        .target(
            name: "BerthClient",
            dependencies: [
                .product(name: "BerthModel", package: "BerthModel"), .product(name: "BerthCrypto", package: "BerthCrypto"),
                .product(name: "BerthAuth", package: "BerthAuth"), .product(name: "BerthWire", package: "BerthWire"),
            ],
            swiftSettings: settings
        )
    ]
)
