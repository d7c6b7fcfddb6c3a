// swift-tools-version: 6.1
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "BerthCrypto",
    platforms: [.macOS(.v15)],
    products: [.library(name: "BerthCrypto", targets: ["BerthCrypto"])],
    targets: [
        .systemLibrary(name: "CBerthOpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .target(name: "BerthCrypto", dependencies: ["CBerthOpenSSL"], swiftSettings: settings),
    ]
)
