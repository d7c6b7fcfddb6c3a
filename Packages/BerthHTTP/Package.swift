// swift-tools-version: 6.1
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "BerthHTTP",
    platforms: [.macOS(.v15)],
    products: [.library(name: "BerthHTTP", targets: ["BerthHTTP"])],
    dependencies: [
        .package(path: "../BerthModel"), .package(path: "../BerthAuth"), .package(path: "../BerthWire"), .package(path: "../BerthService"),
        .package(path: "../BerthCrypto"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
    ],
    targets: [
        .target(
            name: "BerthHTTP",
            dependencies: [
                .product(name: "BerthModel", package: "BerthModel"), .product(name: "BerthAuth", package: "BerthAuth"),
                .product(name: "BerthWire", package: "BerthWire"), .product(name: "BerthService", package: "BerthService"),
                .product(name: "BerthCrypto", package: "BerthCrypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"), .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: settings
        )
    ]
)
