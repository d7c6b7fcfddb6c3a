import BerthClient
import BerthModel
import BerthWire
import Foundation
import Synchronization
import Testing

/// A transport that records requests and answers from a script.
final class ScriptedTransport: HTTPTransport {
    let answer: @Sendable (HTTPRequest) throws(ClientError) -> HTTPResponse
    let sent = Mutex<[HTTPRequest]>([])

    init(answer: @escaping @Sendable (HTTPRequest) throws(ClientError) -> HTTPResponse) { self.answer = answer }

    func send(_ request: HTTPRequest) async throws(ClientError) -> HTTPResponse {
        sent.withLock { $0.append(request) }
        return try answer(request)
    }

    static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> ScriptedTransport {
        ScriptedTransport { _ in HTTPResponse(status: status, headers: headers, body: Data(body.utf8)) }
    }
}

@Suite("ECRClient: signed JSON 1.1 requests, answers and errors")
struct ECRClientTests {
    static let configuration = ClientConfiguration(
        endpoint: ClientEndpoint(baseURL: "http://127.0.0.1:5000"), region: "eu-west-1",
        credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "session"))

    static func client(_ transport: ScriptedTransport) -> ECRClient {
        ECRClient(configuration: configuration, transport: transport, now: { 1_700_000_000 })
    }

    @Test func requestsAreSignedJSON11() async throws {
        let transport = ScriptedTransport.json(
            200, #"{"authorizationData":[{"authorizationToken":"QVdTOnNlY3JldDp0b2tlbg==","expiresAt":1700043200}]}"#)
        let credentials = try await Self.client(transport).registryCredentials()
        #expect(credentials == RegistryCredentials(username: "AWS", password: "secret:token", expiresAt: 1_700_043_200))
        let request = try #require(transport.sent.withLock { $0.first })
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "http://127.0.0.1:5000/")
        #expect(String(decoding: request.body, as: UTF8.self) == "{}")
        let headers = Dictionary(request.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        #expect(headers["x-amz-target"] == "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken")
        #expect(headers["content-type"] == "application/x-amz-json-1.1")
        #expect(headers["x-amz-date"] == "20231114T221320Z")
        #expect(headers["x-amz-security-token"] == "session")
        #expect(headers["host"] == nil)  // the transport sends it
        let authorization = try #require(headers["authorization"])
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/eu-west-1/ecr/aws4_request, "))
        #expect(authorization.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,"))
    }

    @Test func serviceErrorsKeepTheirCode() async {
        let transport = ScriptedTransport.json(
            400, #"{"__type":"RepositoryNotFoundException","message":"The repository with name 'x' does not exist"}"#)
        await #expect(
            throws: ClientError.service(code: "RepositoryNotFoundException", message: "The repository with name 'x' does not exist", status: 400)
        ) {
            _ = try await Self.client(transport).describeAllRepositories(names: ["x"])
        }
    }

    @Test func namespacedCodesAndHeaderOnlyErrors() async {
        let namespaced = ScriptedTransport.json(400, #"{"__type":"com.amazonaws.ecr#ImageNotFoundException","Message":"gone"}"#)
        await #expect(throws: ClientError.service(code: "ImageNotFoundException", message: "gone", status: 400)) {
            _ = try await Self.client(namespaced).describeAllImages(repository: "r")
        }
        let proxy = ScriptedTransport.json(502, "<html>bad gateway</html>", headers: ["x-amzn-errortype": "ServiceUnavailable:http://x"])
        await #expect(throws: ClientError.service(code: "ServiceUnavailable", message: "<html>bad gateway</html>", status: 502)) {
            _ = try await Self.client(proxy).registryCredentials()
        }
    }

    @Test(arguments: ["InvalidSignatureException", "UnrecognizedClientException", "MissingAuthenticationTokenException", "AccessDeniedException"])
    func authenticationCodesAreRefusals(code: String) async {
        let transport = ScriptedTransport.json(403, #"{"__type":"\#(code)","message":"no"}"#)
        await #expect(throws: ClientError.authenticationRefused(code: code, message: "no")) {
            _ = try await Self.client(transport).registryCredentials()
        }
    }

    @Test func unreachableServersPassThrough() async {
        let transport = ScriptedTransport { _ throws(ClientError) in throw .unreachable(url: "http://127.0.0.1:5000", reason: "connection refused") }
        await #expect(throws: ClientError.unreachable(url: "http://127.0.0.1:5000", reason: "connection refused")) {
            _ = try await Self.client(transport).registryCredentials()
        }
    }

    @Test func aTokenThatIsNotUserColonPasswordIsInvalid() async {
        let transport = ScriptedTransport.json(200, #"{"authorizationData":[{"authorizationToken":"bm9jb2xvbg=="}]}"#)
        await #expect(throws: ClientError.self) { _ = try await Self.client(transport).registryCredentials() }
    }

    @Test func listingsFollowEveryPage() async throws {
        let transport = ScriptedTransport { request throws(ClientError) in
            let body = String(decoding: request.body, as: UTF8.self)
            let page =
                body.contains("\"nextToken\":\"p2\"")
                ? #"{"repositories":[{"repositoryName":"b"}]}"# : #"{"repositories":[{"repositoryName":"a"}],"nextToken":"p2"}"#
            return HTTPResponse(status: 200, headers: [:], body: Data(page.utf8))
        }
        let answer = try await Self.client(transport).describeAllRepositories()
        #expect(answer.repositories?.map(\.repositoryName) == ["a", "b"])
        #expect(answer.nextToken == nil)
        #expect(transport.sent.withLock { $0.count } == 2)
    }

    @Test func garbageCollectionPreviewUsesTheAdminTarget() async throws {
        let transport = ScriptedTransport.json(
            200, #"{"gracePeriodSeconds":60,"blobsScanned":3,"blobs":[{"digest":"sha256:ab","size":5}],"bytes":5,"expiredUploads":1}"#)
        let preview = try await Self.client(transport).previewGarbageCollection(gracePeriodSeconds: 60)
        #expect(
            preview
                == GarbageCollectionPreview(
                    gracePeriodSeconds: 60, blobsScanned: 3, blobs: [.init(digest: "sha256:ab", size: 5)], bytes: 5, expiredUploads: 1))
        let request = try #require(transport.sent.withLock { $0.first })
        #expect(request.headers.contains { $0.name == "X-Amz-Target" && $0.value == "BerthAdmin_20261205.PreviewGarbageCollection" })
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"gracePeriodSeconds":60}"#)
    }
}
