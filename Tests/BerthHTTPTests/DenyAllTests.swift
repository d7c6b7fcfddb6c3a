import BerthService
import BerthWire
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The one authorize point really is one: with an authorizer that refuses everything, every ECR operation (both
/// forms) and every /v2/ route is refused, and the store is exactly as before.
@Suite struct DenyAllTests {
    @Test func everyECROperationIsRefusedInBothFormsAndNothingChanges() async throws {
        let seeded = try await SeededRegistry.make()
        let before = try seeded.registry.snapshot()
        let inputs = DenyAllInputs.all(seeded)
        #expect(Set(inputs.keys) == Set(ECROperation.allCases.map(\.rawValue)))
        try await seeded.registry.application(authorizer: DenyAllAuthorizer()).test(.router) { client in
            for (operation, json) in inputs.sorted(by: { $0.key < $1.key }) {
                let body = Array(json.utf8)
                let headers = TestRegistry.signedHeaders(method: "POST", target: operation, body: body)
                try await client.execute(uri: "/", method: .post, headers: headers, body: ByteBuffer(bytes: body)) { response in
                    #expect(
                        response.headers[HTTPField.Name("x-amzn-ErrorType")!] == "AccessDeniedException",
                        "\(operation): \(String(buffer: response.body))")
                }
                let query = try DenyAllInputs.query(action: operation, json: json)
                let queryHeaders = TestRegistry.signedHeaders(method: "GET", query: query)
                try await client.execute(uri: "/?\(query)", method: .get, headers: queryHeaders) { response in
                    #expect(
                        response.headers[HTTPField.Name("x-amzn-ErrorType")!] == "AccessDeniedException",
                        "query \(operation): \(String(buffer: response.body))")
                }
            }
        }
        #expect(try seeded.registry.snapshot() == before)
    }

    @Test func everyDistributionRouteIsRefusedAndNothingChanges() async throws {
        let seeded = try await SeededRegistry.make()
        let before = try seeded.registry.snapshot()
        let name = SeededRegistry.repository
        let manifest = ByteBuffer(string: #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{},"layers":[]}"#)
        let routes: [(HTTPRequest.Method, String, ByteBuffer?)] = [
            (.get, "/v2/", nil), (.get, "/v2/_catalog", nil), (.get, "/v2/\(name)/tags/list", nil),
            (.get, "/v2/\(name)/manifests/v1", nil), (.head, "/v2/\(name)/manifests/v1", nil),
            (.get, "/v2/\(name)/manifests/\(seeded.imageDigest)", nil), (.put, "/v2/\(name)/manifests/v2", manifest),
            (.delete, "/v2/\(name)/manifests/v1", nil), (.delete, "/v2/\(name)/manifests/\(seeded.imageDigest)", nil),
            (.get, "/v2/\(name)/blobs/\(seeded.layerDigest)", nil), (.head, "/v2/\(name)/blobs/\(seeded.layerDigest)", nil),
            (.delete, "/v2/\(name)/blobs/\(seeded.layerDigest)", nil), (.post, "/v2/\(name)/blobs/uploads/", nil),
            (.post, "/v2/\(name)/blobs/uploads/?digest=\(seeded.layerDigest)", ByteBuffer(string: "x")),
            (.post, "/v2/other/blobs/uploads/?mount=\(seeded.layerDigest)&from=\(name)", nil),
            (.patch, "/v2/\(name)/blobs/uploads/\(seeded.uploadID)", ByteBuffer(string: "abc")),
            (.put, "/v2/\(name)/blobs/uploads/\(seeded.uploadID)?digest=\(seeded.layerDigest)", nil),
            (.get, "/v2/\(name)/blobs/uploads/\(seeded.uploadID)", nil), (.delete, "/v2/\(name)/blobs/uploads/\(seeded.uploadID)", nil),
            (.get, "/v2/\(name)/referrers/\(seeded.imageDigest)", nil),
        ]
        try await seeded.registry.application(authorizer: DenyAllAuthorizer()).test(.router) { client in
            for (method, uri, body) in routes {
                try await client.execute(uri: uri, method: method, headers: [.authorization: TestRegistry.basicAuthorization], body: body) {
                    response in
                    #expect(response.status == .forbidden, "\(method) \(uri)")
                    if method != .head { #expect(String(buffer: response.body).contains("DENIED"), "\(method) \(uri)") }
                }
            }
        }
        #expect(try seeded.registry.snapshot() == before)
    }

    @Test func theRootPrincipalIsAllowedByDefault() async throws {
        let seeded = try await SeededRegistry.make()
        try await seeded.registry.application().test(.router) { client in
            let body = Array("{}".utf8)
            let headers = TestRegistry.signedHeaders(method: "POST", target: "DescribeRepositories", body: body)
            try await client.execute(uri: "/", method: .post, headers: headers, body: ByteBuffer(bytes: body)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(SeededRegistry.repository))
            }
            let uri = "/v2/\(SeededRegistry.repository)/tags/list"
            try await client.execute(uri: uri, method: .get, headers: [.authorization: TestRegistry.basicAuthorization]) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
