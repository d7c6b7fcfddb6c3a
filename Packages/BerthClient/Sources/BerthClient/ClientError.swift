/// Why a call to the server (or finding how to reach it) failed, in words a command line can print as one line.
public enum ClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The endpoint, credentials or a configuration file could not be found or read; the message says which
    /// and where it looked.
    case configuration(String)
    /// No HTTP answer came back from `url` (connection refused, name not resolved, timed out).
    case unreachable(url: String, reason: String)
    /// The server refused the credentials: the signature, the access key or the caller's permissions
    /// (`code` is the service's error code, e.g. `UnrecognizedClientException`, `AccessDeniedException`).
    case authenticationRefused(code: String, message: String)
    /// The service answered with an error: `code` is its `__type` (e.g. `RepositoryNotFoundException`).
    case service(code: String, message: String, status: Int)
    /// The server answered something that is not the protocol's answer (not JSON, a missing field).
    case invalidResponse(String)

    /// The error codes that mean "who you are was not accepted" rather than "what you asked failed".
    public static let authenticationCodes: Set<String> = [
        "UnrecognizedClientException", "InvalidSignatureException", "MissingAuthenticationTokenException", "IncompleteSignatureException",
        "AccessDeniedException", "ExpiredTokenException", "InvalidClientTokenId", "SignatureDoesNotMatch",
    ]

    /// The service's error code, when the server answered with one.
    public var code: String? {
        switch self {
        case .authenticationRefused(let code, _), .service(let code, _, _): code
        default: nil
        }
    }

    /// One line naming the cause.
    public var description: String {
        switch self {
        case .configuration(let message): message
        case .unreachable(let url, let reason): "server unreachable at \(url): \(reason)"
        case .authenticationRefused(let code, let message): "authentication refused (\(code)): \(message)"
        case .service(let code, let message, _): "\(code): \(message)"
        case .invalidResponse(let message): "invalid answer from the server: \(message)"
        }
    }
}
