// swift-tools-version: 6.1
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "BerthWire",
    platforms: [.macOS(.v15)],
    products: [.library(name: "BerthWire", targets: ["BerthWire"])],
    dependencies: [.package(path: "../BerthModel")],
    targets: [
        .target(name: "BerthWire", dependencies: [.product(name: "BerthModel", package: "BerthModel")], swiftSettings: settings)
    ]
)
