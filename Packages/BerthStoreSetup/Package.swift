// swift-tools-version: 6.1
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "BerthStoreSetup",
    platforms: [.macOS(.v15)],
    products: [.library(name: "BerthStoreSetup", targets: ["BerthStoreSetup"])],
    dependencies: [
        .package(path: "../BerthBlobStore"), .package(path: "../BerthMetadata"), .package(path: "../BerthPluginHost"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "BerthStoreSetup",
            dependencies: [
                .product(name: "BerthBlobStore", package: "BerthBlobStore"), .product(name: "BerthMetadata", package: "BerthMetadata"),
                .product(name: "BerthPluginHost", package: "BerthPluginHost"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: settings
        )
    ]
)
