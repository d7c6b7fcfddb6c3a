import BerthAuth
import BerthCrypto
import BerthModel
public import BerthWire
public import Foundation

/// Calls the ECR API of a Berth (or ECR) server: AWS JSON 1.1 (`POST /` with `X-Amz-Target`), signed with SigV4
/// (service `ecr`), taking and returning the shapes generated from botocore's model.
public struct ECRClient: Sendable {
    /// The server, region and credentials the client signs for.
    public let configuration: ClientConfiguration
    private let transport: any HTTPTransport
    let now: @Sendable () -> Double

    /// Creates a client.
    /// - Parameters:
    ///   - configuration: the server, region and credentials.
    ///   - transport: how requests travel (URLSession by default).
    ///   - now: the signing clock, seconds since 1970.
    public init(
        configuration: ClientConfiguration, transport: any HTTPTransport = URLSessionTransport(),
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.configuration = configuration
        self.transport = transport
        self.now = now
    }

    /// The host (`host[:port]`) to log in to the registry with, derived from the endpoint URL.
    public var registryHost: String { configuration.endpoint.registryHost }

    /// Calls an ECR operation.
    /// - Parameters:
    ///   - operation: the operation.
    ///   - input: its input shape (any `Encodable` whose JSON is the operation's input).
    ///   - output: the output shape to decode.
    /// - Returns: the decoded output.
    /// - Throws: `ClientError` (the service's error, refused credentials, an unreachable server, a bad answer).
    public func call<Output: Decodable>(_ operation: ECROperation, _ input: some Encodable, as output: Output.Type = Output.self)
        async throws(ClientError) -> Output
    {
        try await call(target: "\(ECR.targetPrefix).\(operation.rawValue)", input, as: output)
    }

    /// Calls any AWS JSON 1.1 operation of the server by its full `X-Amz-Target` (Berth's admin API too).
    /// - Parameters:
    ///   - target: `<prefix>.<Operation>`.
    ///   - input: the input, encoded with `JSONCoding`.
    ///   - output: the output to decode with `JSONCoding` (an empty body decodes as `{}`).
    /// - Returns: the decoded output.
    /// - Throws: `ClientError`.
    public func call<Output: Decodable>(target: String, _ input: some Encodable, as output: Output.Type = Output.self)
        async throws(ClientError) -> Output
    {
        let body: Data
        do {
            body = try JSONCoding.encode(input)
        } catch {
            throw .invalidResponse("cannot encode the request for \(target): \(error)")
        }
        let answer = try await send(target: target, body: body)
        do {
            return try JSONCoding.decode(output, from: answer.isEmpty ? Data("{}".utf8) : answer)
        } catch {
            throw .invalidResponse("\(target) answered JSON that is not its output shape: \(error)")
        }
    }

    /// Sends a signed JSON 1.1 request and returns the body of a successful answer.
    /// - Throws: `ClientError` for an error answer (see `ECRErrorResponse`) or no answer.
    public func send(target: String, body: Data) async throws(ClientError) -> Data {
        guard let url = configuration.endpoint.url(path: "/") else {
            throw .configuration("the endpoint is not a URL: \(configuration.endpoint.baseURL)")
        }
        let credentials = configuration.credentials
        let signer = SigV4Signer(
            accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey, region: configuration.region,
            service: ECR.signingName, sessionToken: credentials.sessionToken)
        let unsigned = SigV4Request(
            method: "POST", path: "/", query: "",
            headers: [
                (name: "Host", value: configuration.endpoint.registryHost),
                (name: "Content-Type", value: "application/x-amz-json-1.1"),
                (name: "X-Amz-Target", value: target),
            ],
            payloadSHA256: SHA256Hasher.hexHash([UInt8](body)))
        let signed = signer.sign(unsigned, now: now())
        let headers = signed.headers.filter { $0.name.lowercased() != "host" }
        let response = try await transport.send(HTTPRequest(method: "POST", url: url, headers: headers, body: body))
        guard (200..<300).contains(response.status) else { throw ECRErrorResponse.error(from: response) }
        return response.body
    }
}
