// swift-tools-version: 6.1
// Berth: the root manifest. Every package lives in Packages/ and is depended on by path; the apps live in
// Apps/ and every test target in Tests/ (nested packages hold no tests, so one `swift test` runs them all).
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// A product of one of our path packages (directory name == package name == product name).
func berth(_ name: String) -> Target.Dependency { .product(name: name, package: name) }

let package = Package(
    name: "Berth",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "berth-server", targets: ["BerthServer"]),
        .executable(name: "berth", targets: ["BerthCLI"]),
        .executable(name: "berth-worker", targets: ["BerthWorker"]),
    ],
    dependencies: [
        .package(path: "Packages/BerthModel"),
        .package(path: "Packages/BerthCrypto"),
        .package(path: "Packages/BerthBlobStore"),
        .package(path: "Packages/BerthMetadata"),
        .package(path: "Packages/BerthAuth"),
        .package(path: "Packages/BerthWire"),
        .package(path: "Packages/BerthService"),
        .package(path: "Packages/BerthHTTP"),
        .package(path: "Packages/BerthPluginHost"),
        .package(path: "Packages/BerthClient"),
        .package(path: "Packages/BerthStoreSetup"),
        .package(path: "Packages/BerthPostgresPlugin"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "BerthServer",
            dependencies: [
                berth("BerthHTTP"), berth("BerthService"), berth("BerthBlobStore"), berth("BerthMetadata"),
                berth("BerthAuth"), berth("BerthCrypto"), berth("BerthPluginHost"), berth("BerthStoreSetup"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Apps/Server",
            swiftSettings: settings
        ),
        .executableTarget(
            name: "BerthWorker",
            dependencies: [
                berth("BerthService"), berth("BerthBlobStore"), berth("BerthMetadata"), berth("BerthCrypto"), berth("BerthStoreSetup"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Apps/Worker",
            swiftSettings: settings
        ),
        .executableTarget(
            name: "BerthCLI",
            dependencies: [
                berth("BerthClient"), berth("BerthModel"), berth("BerthWire"), .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Apps/CLI",
            swiftSettings: settings
        ),
        .testTarget(name: "BerthModelTests", dependencies: [berth("BerthModel")], path: "Tests/BerthModelTests", swiftSettings: settings),
        .testTarget(name: "BerthCryptoTests", dependencies: [berth("BerthCrypto")], path: "Tests/BerthCryptoTests", swiftSettings: settings),
        .testTarget(
            name: "BerthBlobStoreTests",
            dependencies: [
                berth("BerthBlobStore"), berth("BerthModel"), berth("BerthCrypto"), .product(name: "BlobStoreConformance", package: "BerthBlobStore"),
            ],
            path: "Tests/BerthBlobStoreTests",
            swiftSettings: settings
        ),
        .testTarget(
            name: "BerthMetadataTests",
            dependencies: [berth("BerthMetadata"), berth("BerthModel"), .product(name: "MetadataConformance", package: "BerthMetadata")],
            path: "Tests/BerthMetadataTests",
            exclude: ["Fixtures"],  // read by path (#filePath), not bundled
            swiftSettings: settings
        ),
        .testTarget(
            name: "BerthAuthTests",
            dependencies: [berth("BerthAuth"), berth("BerthModel"), berth("BerthCrypto")],
            path: "Tests/BerthAuthTests",
            resources: [.copy("Fixtures")],
            swiftSettings: settings
        ),
        .testTarget(
            name: "BerthWireTests", dependencies: [berth("BerthWire"), berth("BerthModel")], path: "Tests/BerthWireTests", swiftSettings: settings),
        .testTarget(
            name: "BerthPluginHostTests",
            dependencies: [
                berth("BerthPluginHost"), berth("BerthBlobStore"), berth("BerthMetadata"), berth("BerthModel"),
                .product(name: "BlobStoreConformance", package: "BerthBlobStore"), .product(name: "MetadataConformance", package: "BerthMetadata"),
            ],
            path: "Tests/BerthPluginHostTests",
            swiftSettings: settings
        ),
        .testTarget(
            name: "BerthClientTests", dependencies: [berth("BerthClient"), berth("BerthModel"), berth("BerthWire")], path: "Tests/BerthClientTests",
            swiftSettings: settings),
        .testTarget(
            name: "BerthServiceTests",
            dependencies: [
                berth("BerthService"), berth("BerthWire"), berth("BerthModel"), berth("BerthBlobStore"), berth("BerthMetadata"),
                berth("BerthAuth"), berth("BerthCrypto"),
            ],
            path: "Tests/BerthServiceTests",
            swiftSettings: settings
        ),
        .testTarget(
            name: "BerthHTTPTests",
            dependencies: [
                berth("BerthHTTP"), berth("BerthService"), berth("BerthWire"), berth("BerthBlobStore"), berth("BerthMetadata"),
                berth("BerthAuth"), berth("BerthCrypto"), berth("BerthModel"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/BerthHTTPTests",
            swiftSettings: settings
        ),
    ]
)
