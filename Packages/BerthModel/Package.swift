// swift-tools-version: 6.1
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "BerthModel",
    platforms: [.macOS(.v15)],
    products: [.library(name: "BerthModel", targets: ["BerthModel"])],
    targets: [.target(name: "BerthModel", swiftSettings: settings)]
)
