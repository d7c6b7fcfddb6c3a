import BerthBlobStore
import BerthPluginHost
import BlobStoreConformance
import Foundation
import Testing

/// The sample C plugin passes the blob store conformance suite through the plugin host, and every way a plugin
/// can be unusable stops with one line naming the file and the reason.
@Suite(.serialized) struct PluginHostTests {
    static let built: Result<(directory: String, library: String), any Error> = Result {
        let directory = try PluginBuilder.temporaryDirectory()
        let library = directory + "/libberth-dirblob.so"
        try PluginBuilder.build(source: PluginBuilder.sampleSource, output: library)
        return (directory, library)
    }

    @Test(arguments: BlobStoreConformance.caseNames)
    func sampleDirectoryPluginConforms(_ name: String) throws {
        let (directory, library) = try Self.built.get()
        let plugin = try PluginLibrary(path: library)
        #expect(plugin.name == "dirblob")
        try BlobStoreConformance {
            let root = directory + "/store-" + UUID().uuidString
            return try PluginBlobStore(library: plugin, configJSON: #"{"root": "\#(root)"}"#)
        }.run(name)
    }

    @Test func pluginsAreFoundByNameOnTheSearchPath() throws {
        let (directory, library) = try Self.built.get()
        #expect(try PluginLocator.locate("dirblob", searchPath: "/nonexistent:" + directory) == library)
        #expect(try PluginLocator.locate(library, searchPath: nil) == library)
        #expect(throws: PluginError.self) { try PluginLocator.locate("nosuchplugin", searchPath: directory) }
        #expect(throws: PluginError(file: "/no/such/file.so", reason: "no such file")) {
            try PluginLocator.locate("/no/such/file.so", searchPath: nil)
        }
    }

    @Test func aBadConfigurationIsRefusedAtOpen() throws {
        let plugin = try PluginLibrary(path: try Self.built.get().library)
        let error = #expect(throws: PluginError.self) { try PluginBlobStore(library: plugin, configJSON: "{}") }
        #expect(error?.reason.contains("root") == true)
    }

    static let header = "#include \"berth_plugin.h\"\n#include <stddef.h>\n"

    static func failure(of code: String, named name: String) throws -> PluginError? {
        let directory = try PluginBuilder.temporaryDirectory()
        let path = try PluginBuilder.build(code: header + code, named: name, in: directory)
        do {
            let library = try PluginLibrary(path: path)
            _ = try PluginBlobStore(library: library, configJSON: "{}")
            return nil
        } catch let error as PluginError {
            #expect(error.file == path)
            return error
        }
    }

    @Test func unusablePluginsAreRefusedWithTheReason() throws {
        let entry = "__attribute__((visibility(\"default\"))) const berth_plugin_v1 *berth_plugin_entry_v1(void) { return &plugin; }\n"
        let noSymbol = try Self.failure(of: "int something(void) { return 1; }\n", named: "nosymbol")
        #expect(noSymbol?.reason.contains("no berth_plugin_entry_v1 symbol") == true)

        let wrongVersion = try Self.failure(
            of: "static const berth_plugin_v1 plugin = {2, sizeof(berth_plugin_v1), \"v2\", NULL, NULL};\n" + entry, named: "version")
        #expect(wrongVersion?.reason == "plugin has ABI version 2; this berth speaks 1")

        let notABlobStore = try Self.failure(
            of: "static const berth_plugin_v1 plugin = {1, sizeof(berth_plugin_v1), \"meta\", NULL, NULL};\n" + entry, named: "meta")
        #expect(notABlobStore?.reason == "plugin meta is not a blob store")

        let shortTable = try Self.failure(
            of: "static const berth_blob_store_v1 table = {1, 24};\n"
                + "static const berth_plugin_v1 plugin = {1, sizeof(berth_plugin_v1), \"short\", &table, NULL};\n" + entry,
            named: "short")
        #expect(shortTable?.reason.hasPrefix("blob store table is 24 bytes, shorter than the") == true)

        let holes = try Self.failure(
            of: "static const berth_blob_store_v1 table = {1, sizeof(berth_blob_store_v1)};\n"
                + "static const berth_plugin_v1 plugin = {1, sizeof(berth_plugin_v1), \"holes\", &table, NULL};\n" + entry,
            named: "holes")
        #expect(holes?.reason.hasPrefix("blob store table lacks open, close, stat") == true)
    }

    @Test func aFileThatIsNotALibraryIsRefused() throws {
        let directory = try PluginBuilder.temporaryDirectory()
        let path = directory + "/libberth-text.so"
        try "not a library".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: PluginError.self) { try PluginLibrary(path: path) }
        #expect(error?.reason.hasPrefix("cannot load:") == true)
    }
}
