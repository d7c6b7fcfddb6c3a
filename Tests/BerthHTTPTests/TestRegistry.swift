import BerthAuth
import BerthBlobStore
import BerthCrypto
import BerthHTTP
import BerthMetadata
import BerthModel
import BerthService
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// In-memory stores and the services of berth-server over them, with a chosen authorizer; several applications can
/// share one set of stores (seed with one that allows everything, probe with one that allows nothing).
struct TestRegistry {
    static let now: Double = 1_700_000_000
    static let accessKey = "AKIDEXAMPLE"
    static let secretKey = "secret"
    static let accountID = "123456789012"

    let blobs: any BlobStore
    let metadata = MemoryMetadataStore()

    init(blobs: any BlobStore = MemoryBlobStore()) {
        self.blobs = blobs
    }

    func services(authorizer: (any Authorizer)? = nil, logger: Logger = Logger(label: "test")) -> BerthServices {
        let configuration = RegistryConfiguration(accountID: Self.accountID, region: "us-east-1", publicURL: "http://127.0.0.1:5000")
        let signer = URLSigner(signingKey: Array(repeating: 3, count: 32))
        let tokens = AuthorizationTokenIssuer(signingKey: Array(repeating: 4, count: 32))
        let registries = Registries(
            blobs: blobs, metadata: metadata, base: configuration, regions: .only(["us-east-1"]), tokens: tokens, downloadURLs: signer,
            clock: { Self.now }, authorizer: authorizer, logger: logger)
        let keys = StaticAccessKeyStore([Self.accessKey: Self.secretKey], principalARN: Caller.rootPrincipal(of: Self.accountID))
        let verifier = SigV4Verifier(keys: keys, region: "us-east-1")
        return BerthServices(registries: registries, verifier: verifier, downloadURLs: signer, tokens: tokens, clock: { Self.now })
    }

    func application(authorizer: (any Authorizer)? = nil, logger: Logger = Logger(label: "test")) -> some ApplicationProtocol {
        Application(responder: BerthResponder(services: services(authorizer: authorizer, logger: logger), logger: logger))
    }

    /// `Authorization: Basic` with a registry password minted for the test key.
    static var basicAuthorization: String {
        let password = AuthorizationTokenIssuer(signingKey: Array(repeating: 4, count: 32)).mint(accessKeyID: accessKey, now: now).password
        return "Basic " + Data("AWS:\(password)".utf8).base64EncodedString()
    }

    /// The headers of a SigV4-signed ECR request (`POST /` with a target, or `GET /?query`).
    static func signedHeaders(method: String, query: String = "", target: String? = nil, body: [UInt8] = []) -> HTTPFields {
        var headers: [(name: String, value: String)] = [(name: "host", value: "localhost")]
        if let target {
            headers.append((name: "Content-Type", value: "application/x-amz-json-1.1"))
            headers.append((name: "X-Amz-Target", value: "AmazonEC2ContainerRegistry_V20150921.\(target)"))
        }
        let request = SigV4Request(method: method, path: "/", query: query, headers: headers, payloadSHA256: SHA256Hasher.hexHash(body))
        let signed = SigV4Signer(accessKeyID: accessKey, secretAccessKey: secretKey, region: "us-east-1").sign(request, now: now)
        var fields = HTTPFields()
        // The test client sends `Host` as the request's authority (`localhost`), not as a header field.
        for header in signed.headers where header.name != "host" { fields.append(HTTPField(name: HTTPField.Name(header.name)!, value: header.value)) }
        return fields
    }

    /// What the metadata store holds that any request could change.
    struct Snapshot: Equatable {
        var repositories: [RepositoryRecord]
        var images: [String: [ImageIDRecord]]
        var uploads: [UploadRecord]
    }

    func snapshot() throws -> Snapshot {
        let metadata = self.metadata.scoped(toRegistry: "us-east-1")
        let repositories = try metadata.listRepositories(after: nil, limit: 1000)
        var images: [String: [ImageIDRecord]] = [:]
        for repository in repositories {
            images[repository.name] = try metadata.listImageIDs(repository: repository.name, tagStatus: .any, after: nil, limit: 1000)
        }
        return Snapshot(repositories: repositories, images: images, uploads: try metadata.listUploads(updatedBefore: .greatestFiniteMagnitude))
    }
}

/// An authorizer that refuses everything, even requests that need no permission.
struct DenyAllAuthorizer: Authorizer {
    func missingPermission(in request: AccessRequest) async throws -> Permission? {
        request.permissions.first ?? Permission(action: "*", resource: "*")
    }
}
