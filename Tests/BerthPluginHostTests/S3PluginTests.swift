import BerthBlobStore
import BerthPluginHost
import BlobStoreConformance
import Foundation
import Testing

/// The S3 blob store plugin (`libberth-s3.so`, C over libcurl, built by `make plugins` and here with `cc`) passes the
/// whole blob store conformance suite against a throwaway S3 endpoint (moto), each case under a fresh key prefix, and
/// refuses unusable configurations with the reason.
@Suite(.serialized) struct S3PluginTests {
    static let sources = PluginBuilder.repository.appendingPathComponent("Packages/BerthS3Plugin/Sources")

    static let built: Result<String, any Error> = Result {
        let directory = try PluginBuilder.temporaryDirectory()
        let library = directory + "/libberth-s3.so"
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".c") }.sorted()
        try PluginBuilder.build(
            sources: files.map { sources.appendingPathComponent($0).path }, output: library, libraries: ["-lcurl", "-lcrypto"])
        return library
    }

    static func store(_ server: ThrowawayS3, prefix: String = UUID().uuidString + "/") throws -> PluginBlobStore {
        try PluginBlobStore(library: try PluginLibrary(path: try built.get()), configJSON: server.config(prefix: prefix))
    }

    @Test func conformsAgainstAThrowawayS3() throws {
        let server = try ThrowawayS3()
        defer { server.stop() }
        var failures: [String] = []
        for name in BlobStoreConformance.caseNames {
            do {
                try BlobStoreConformance { try Self.store(server) }.run(name)
            } catch {
                failures.append("\(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func unusableConfigurationsAreRefusedWithTheReason() throws {
        let library = try PluginLibrary(path: try Self.built.get())
        #expect(library.name == "s3")
        let noBucket = #expect(throws: PluginError.self) {
            try PluginBlobStore(library: library, configJSON: #"{"accessKeyId": "a", "secretAccessKey": "b"}"#)
        }
        #expect(noBucket?.reason.contains("bucket") == true, "\(noBucket?.reason ?? "")")
        let unreachable = #expect(throws: PluginError.self) {
            try PluginBlobStore(
                library: library,
                configJSON: #"{"endpoint": "http://127.0.0.1:1", "bucket": "b", "pathStyle": true, "accessKeyId": "a", "secretAccessKey": "b"}"#)
        }
        #expect(unreachable?.reason.contains("127.0.0.1:1") == true, "\(unreachable?.reason ?? "")")
    }
}
