/// Why a push or pull failed, phrased for the one line the CLI prints.
public enum TransferError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server could not be reached (refused, reset, timed out); worth retrying.
    case unreachable(endpoint: String, reason: String)
    /// The server refused the credentials (401).
    case authenticationRefused(endpoint: String)
    /// The credentials are valid but may not do this (403).
    case accessDenied(repository: String, message: String)
    /// The repository does not exist (404 `NAME_UNKNOWN`).
    case repositoryMissing(repository: String)
    /// The tag or digest names no manifest (404 `MANIFEST_UNKNOWN`).
    case manifestMissing(repository: String, reference: String)
    /// Bytes did not hash to the digest that named them.
    case digestMismatch(expected: String, actual: String)
    /// The server failed (5xx) or asked to slow down (429); worth retrying.
    case serverFailure(status: Int, message: String)
    /// The upload session lost track of the chunk order (416); resynchronise with the session and retry.
    case uploadOutOfSync(message: String)
    /// The server refused the request for another reason (a 4xx).
    case rejected(status: Int, message: String)
    /// The local image (layout or archive) is not usable.
    case invalidSource(String)
    /// A local file could not be read or written.
    case fileFailure(path: String, reason: String)

    /// True for failures a later attempt may get past: the network, 5xx, 429 and upload resynchronisation.
    public var isTransient: Bool {
        switch self {
        case .unreachable, .serverFailure, .uploadOutOfSync: true
        default: false
        }
    }

    /// One line for stderr.
    public var description: String {
        switch self {
        case .unreachable(let endpoint, let reason): "cannot reach the server at \(endpoint): \(reason)"
        case .authenticationRefused(let endpoint): "authentication refused by \(endpoint): check the credentials (and that the token has not expired)"
        case .accessDenied(let repository, let message): "access denied to repository \(repository): \(message)"
        case .repositoryMissing(let repository): "repository \(repository) does not exist (create it first)"
        case .manifestMissing(let repository, let reference): "no image \(repository):\(reference) in the registry"
        case .digestMismatch(let expected, let actual): "digest mismatch: expected \(expected), got \(actual)"
        case .serverFailure(let status, let message): "the server failed (HTTP \(status)): \(message)"
        case .uploadOutOfSync(let message): "the upload session is out of sync: \(message)"
        case .rejected(let status, let message): "the server refused the request (HTTP \(status)): \(message)"
        case .invalidSource(let message): message
        case .fileFailure(let path, let reason): "\(path): \(reason)"
        }
    }
}
