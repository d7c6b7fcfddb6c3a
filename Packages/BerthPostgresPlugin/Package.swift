// swift-tools-version: 6.1
// The PostgreSQL metadata driver, built as a plugin (`libberth-postgres.so`) that berth-server loads with
// `--metadata-store plugin:postgres`. It depends on the plugin ABI and postgres-nio only, never on Berth's packages.
import PackageDescription

let package = Package(
    name: "BerthPostgresPlugin",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "berth-postgres", type: .dynamic, targets: ["BerthPostgresPlugin"])
    ],
    dependencies: [
        .package(path: "../BerthPluginABI"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .target(
            name: "BerthPostgresPlugin",
            dependencies: [
                .product(name: "BerthPluginABI", package: "BerthPluginABI"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ],
            // The host process may carry its own copy of SwiftNIO: bind this library's symbols to its own copies.
            linkerSettings: [.unsafeFlags(["-Xlinker", "-Bsymbolic"])]
        )
    ]
)
