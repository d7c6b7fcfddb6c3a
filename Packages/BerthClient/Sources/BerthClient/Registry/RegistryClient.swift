import BerthModel
import Foundation

/// The /v2/ API of one repository on one registry, authenticated with Basic `username:password` (`AWS:<token>`).
public struct RegistryClient: Sendable {
    /// The registry's base URL.
    public let endpoint: ClientEndpoint
    /// The repository every call works on.
    public let repository: String
    private let transport: any HTTPTransport
    private let streaming: StreamingTransport
    private let authorization: String

    /// A client for `repository` at `endpoint`: exchanges go through `transport`, blob downloads stream through
    /// `streaming`.
    public init(
        endpoint: ClientEndpoint, repository: String, credentials: RegistryCredentials, transport: any HTTPTransport, streaming: StreamingTransport
    ) {
        self.endpoint = endpoint
        self.repository = repository
        self.transport = transport
        self.streaming = streaming
        authorization = "Basic " + Base64.encode(Array("\(credentials.username):\(credentials.password)".utf8))
    }

    /// The URL of `/v2/<repository>/<suffix>`.
    func url(_ suffix: String) throws(TransferError) -> URL {
        try resolve("\(endpoint.baseURL)/v2/\(repository)/\(suffix)")
    }

    /// `location` (absolute, or relative to the endpoint as a `Location` header may be) as a URL.
    func resolve(_ location: String) throws(TransferError) -> URL {
        guard let base = URL(string: endpoint.baseURL + "/"), let url = URL(string: location, relativeTo: base) else {
            throw .invalidSource("invalid URL \(location)")
        }
        return url.absoluteURL
    }

    /// Sends `method url` with the credentials, `headers` and `body`, and returns the whole answer.
    /// - Throws: `TransferError.unreachable` when no answer came back.
    func send(_ method: String, _ url: URL, headers: [String: String] = [:], body: Data = Data()) async throws(TransferError) -> HTTPResponse {
        do {
            return try await transport.send(request(method, url, headers: headers, body: body))
        } catch {
            switch error {
            case .unreachable(let origin, let reason): throw .unreachable(endpoint: origin, reason: reason)
            default: throw .rejected(status: 0, message: error.description)
            }
        }
    }

    /// Sends `GET url` with the credentials and `headers`, streaming a 2xx body into `sink`.
    func stream(_ url: URL, headers: [String: String], into sink: any ResponseSink) async throws(TransferError) -> HTTPResponse {
        try await streaming.stream(request("GET", url, headers: headers), into: sink)
    }

    private func request(_ method: String, _ url: URL, headers: [String: String], body: Data = Data()) -> HTTPRequest {
        let fields = [(name: "Authorization", value: authorization)] + headers.map { (name: $0.key, value: $0.value) }
        return HTTPRequest(method: method, url: url, headers: fields, body: body)
    }

    /// The error an unexpected answer means, naming `reference` when a manifest was asked for.
    func failure(_ answer: HTTPResponse, reference: String? = nil) -> TransferError {
        let (codes, message) = OCIErrorBody.summary(of: answer.body)
        switch answer.status {
        case 401: return .authenticationRefused(endpoint: endpoint.baseURL)
        case 403: return .accessDenied(repository: repository, message: message)
        case 404 where codes.contains("NAME_UNKNOWN"): return .repositoryMissing(repository: repository)
        case 404 where reference != nil: return .manifestMissing(repository: repository, reference: reference ?? "")
        case 416: return .uploadOutOfSync(message: message)
        case 400 where codes.contains("DIGEST_INVALID"):
            return .digestMismatch(expected: reference ?? "the digest sent", actual: RegistryClient.otherDigest(in: message, than: reference))
        case 408, 429, 500...599: return .serverFailure(status: answer.status, message: message)
        default: return .rejected(status: answer.status, message: message)
        }
    }

    /// The last `sha256:<hex>` in `message` other than `expected` (what the server computed), else the message.
    static func otherDigest(in message: String, than expected: String?) -> String {
        let words = message.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != ":" }).map(String.init)
        return words.last { Digest(parsing: $0) != nil && $0 != expected } ?? message
    }
}
