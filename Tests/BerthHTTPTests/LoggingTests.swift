import BerthBlobStore
import BerthModel
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// A blob store that cannot start uploads (a full disk, say).
private struct BrokenBlobStore: BlobStore {
    let inner = MemoryBlobStore()
    func stat(_ digest: Digest) throws -> BlobInfo? { try inner.stat(digest) }
    func openReader(_ digest: Digest, range: Range<Int64>?) throws -> any BlobReader { try inner.openReader(digest, range: range) }
    func createUpload(id: String) throws { throw BlobStoreError.backend("no space left on device") }
    func openUpload(id: String, at offset: Int64) throws -> any BlobUploadWriter { try inner.openUpload(id: id, at: offset) }
    func commitUpload(id: String, size: Int64, as digest: Digest) throws -> BlobInfo { try inner.commitUpload(id: id, size: size, as: digest) }
    func listBlobs(after: Digest?, limit: Int) throws -> [BlobInfo] { try inner.listBlobs(after: after, limit: limit) }
    func cancelUpload(id: String) throws { try inner.cancelUpload(id: id) }
    func delete(_ digest: Digest) throws { try inner.delete(digest) }
}

/// Every request writes exactly one structured line, with what its door learned; a 5xx also logs its cause.
@Suite struct LoggingTests {
    static func requestLines(_ recorder: LogRecorder) -> [[String: String]] {
        recorder.lines.filter { $0.message == "request" || $0.message == "request failed" }.map(\.metadata)
    }

    @Test func oneLinePerRequestWithWhatEachDoorKnows() async throws {
        let recorder = LogRecorder()
        try await TestRegistry().application(logger: recorder.logger()).test(.router) { client in
            let body = Array(#"{"repositoryName":"team/app"}"#.utf8)
            let requestID = try await client.execute(
                uri: "/", method: .post, headers: TestRegistry.signedHeaders(method: "POST", target: "CreateRepository", body: body),
                body: ByteBuffer(bytes: body)
            ) { response in
                #expect(response.status == .ok)
                return response.headers[HTTPField.Name("x-amzn-RequestId")!] ?? ""
            }
            let query = "Action=ListImages&repositoryName=team%2Fapp"
            try await client.execute(uri: "/?\(query)", method: .get, headers: TestRegistry.signedHeaders(method: "GET", query: query)) { _ in }
            try await client.execute(uri: "/v2/team/app/tags/list", method: .get, headers: [.authorization: TestRegistry.basicAuthorization]) { _ in }
            try await client.execute(uri: "/healthz", method: .get) { _ in }
            let lines = Self.requestLines(recorder)
            #expect(lines.count == 4)
            let ecr = try #require(lines.first)
            #expect(ecr["request_id"] == requestID)
            #expect(ecr["door"] == "ecr" && ecr["operation"] == "CreateRepository" && ecr["repository"] == "team/app")
            #expect(ecr["principal"] == "arn:aws:iam::123456789012:root" && ecr["status"] == "200")
            #expect(ecr["bytes_in"] == String(body.count) && Int(ecr["bytes_out"] ?? "") ?? 0 > 0 && Double(ecr["duration_ms"] ?? "") != nil)
            #expect(lines[1]["door"] == "ecr-query" && lines[1]["operation"] == "ListImages" && lines[1]["repository"] == "team/app")
            #expect(lines[2]["door"] == "oci" && lines[2]["operation"] == "GET tags" && lines[2]["repository"] == "team/app")
            #expect(lines[2]["principal"] == "arn:aws:iam::123456789012:root" && lines[2]["status"] == "200")
            #expect(lines[3]["door"] == "health")
        }
    }

    @Test func aStorageFailureIsAnsweredWithoutDetailAndLoggedWithItsCause() async throws {
        let recorder = LogRecorder()
        try await TestRegistry(blobs: BrokenBlobStore()).application(logger: recorder.logger()).test(.router) { client in
            let body = Array(#"{"repositoryName":"app"}"#.utf8)
            for target in ["CreateRepository", "InitiateLayerUpload"] {
                try await client.execute(
                    uri: "/", method: .post, headers: TestRegistry.signedHeaders(method: "POST", target: target, body: body),
                    body: ByteBuffer(bytes: body)
                ) { response in
                    if target == "InitiateLayerUpload" {
                        #expect(response.status == .internalServerError)
                        #expect(!String(buffer: response.body).contains("no space"))
                    }
                }
            }
            let ecrFailure = try #require(Self.requestLines(recorder).last)
            #expect(ecrFailure["status"] == "500" && ecrFailure["cause"]?.contains("no space left on device") == true)
            try await client.execute(uri: "/v2/app/blobs/uploads/", method: .post, headers: [.authorization: TestRegistry.basicAuthorization]) {
                response in
                #expect(response.status == .internalServerError)
                #expect(!String(buffer: response.body).contains("no space"))
            }
            let ociFailure = try #require(Self.requestLines(recorder).last)
            #expect(ociFailure["door"] == "oci" && ociFailure["status"] == "500")
            #expect(ociFailure["cause"]?.contains("no space left on device") == true)
            #expect(recorder.lines.filter { $0.level == .error }.count == 2)
        }
    }
}
