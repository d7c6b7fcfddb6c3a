import BerthMetadata
import BerthPluginHost
import Foundation
import MetadataConformance
import Testing

/// The sample C metadata driver (libsqlite3 behind `berth_metadata_driver_v1`) carries the host's one SQL
/// implementation of the metadata semantics through the whole conformance suite.
@Suite(.serialized) struct PluginSQLDriverTests {
    static let built: Result<(directory: String, library: String), any Error> = Result {
        let directory = try PluginBuilder.temporaryDirectory()
        let library = directory + "/libberth-sqlitedriver.so"
        try PluginBuilder.build(source: PluginBuilder.driverSource, output: library, libraries: ["-lsqlite3"])
        return (directory, library)
    }

    static func store(in directory: String) throws -> SQLMetadataStore {
        let driver = try PluginSQLDriver(library: try PluginLibrary(path: try built.get().library), configJSON: #"{"path": "\#(directory)/meta.db"}"#)
        return try SQLMetadataStore(name: "plugin", readerCount: 2, connect: driver.connect)
    }

    @Test(arguments: MetadataConformance.caseNames)
    func sampleSQLiteDriverConforms(_ name: String) throws {
        let directory = try Self.built.get().directory
        try MetadataConformance {
            let folder = directory + "/" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            return try Self.store(in: folder)
        }.run(name)
    }

    @Test func aBlobStoreIsNotADriverAndABadConfigurationIsRefused() throws {
        let blobPlugin = try PluginHostTests.built.get().library
        let notADriver = #expect(throws: PluginError.self) { try PluginSQLDriver(library: try PluginLibrary(path: blobPlugin), configJSON: "{}") }
        #expect(notADriver?.reason == "plugin dirblob is not a metadata driver")
        let driver = try PluginSQLDriver(library: try PluginLibrary(path: try Self.built.get().library), configJSON: "{}")
        let refused = #expect(throws: PluginError.self) { try driver.connect() }
        #expect(refused?.reason.contains("config needs") == true)
    }
}
