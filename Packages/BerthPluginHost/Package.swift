// swift-tools-version: 6.1
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "BerthPluginHost",
    platforms: [.macOS(.v15)],
    products: [.library(name: "BerthPluginHost", targets: ["BerthPluginHost"])],
    dependencies: [
        .package(path: "../BerthModel"), .package(path: "../BerthBlobStore"), .package(path: "../BerthMetadata"), .package(path: "../BerthPluginABI"),
    ],
    targets: [
        .target(
            name: "BerthPluginHost",
            dependencies: [
                .product(name: "BerthModel", package: "BerthModel"), .product(name: "BerthBlobStore", package: "BerthBlobStore"),
                .product(name: "BerthMetadata", package: "BerthMetadata"), .product(name: "BerthPluginABI", package: "BerthPluginABI"),
            ],
            swiftSettings: settings
        )
    ]
)
