// swift-tools-version: 6.1
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "BerthAuth",
    platforms: [.macOS(.v15)],
    products: [.library(name: "BerthAuth", targets: ["BerthAuth"])],
    dependencies: [.package(path: "../BerthModel"), .package(path: "../BerthCrypto")],
    targets: [
        .target(
            name: "BerthAuth",
            dependencies: [.product(name: "BerthModel", package: "BerthModel"), .product(name: "BerthCrypto", package: "BerthCrypto")],
            swiftSettings: settings
        )
    ]
)
