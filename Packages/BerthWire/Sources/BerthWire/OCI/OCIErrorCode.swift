/// The `code` values of the OCI Distribution error envelope, each registered once with its default message and
/// HTTP status (the single table from OCI failures to wire codes; distribution registers its codes the same way).
///
/// The first fourteen are the codes the distribution spec lists (code-1 … code-14). `RANGE_INVALID` and
/// `PAGINATION_NUMBER_INVALID` are CNCF distribution v3's codes for a bad chunk range (416) and a bad `n` (400);
/// `UNKNOWN` and `UNAVAILABLE` are its codes for server-side faults (500, 503), never for anything a client caused.
public enum OCIErrorCode: String, Sendable, Hashable, CaseIterable {
    /// A blob is unknown to the registry (404).
    case blobUnknown = "BLOB_UNKNOWN"
    /// The upload is in a state that cannot accept this request, or a chunk is bad (400).
    case blobUploadInvalid = "BLOB_UPLOAD_INVALID"
    /// The upload session is unknown, expired, committed or cancelled (404).
    case blobUploadUnknown = "BLOB_UPLOAD_UNKNOWN"
    /// A digest is malformed, unsupported, or does not match the content (400).
    case digestInvalid = "DIGEST_INVALID"
    /// A manifest references a blob or manifest the repository does not hold (400).
    case manifestBlobUnknown = "MANIFEST_BLOB_UNKNOWN"
    /// A manifest (or a manifest reference such as a tag) is invalid (400).
    case manifestInvalid = "MANIFEST_INVALID"
    /// A manifest is unknown by that tag or digest (404).
    case manifestUnknown = "MANIFEST_UNKNOWN"
    /// The repository name is invalid (400).
    case nameInvalid = "NAME_INVALID"
    /// The repository is unknown (404).
    case nameUnknown = "NAME_UNKNOWN"
    /// A declared length does not match the content (400).
    case sizeInvalid = "SIZE_INVALID"
    /// Credentials are missing or invalid (401).
    case unauthorized = "UNAUTHORIZED"
    /// The caller is authenticated but not allowed (403).
    case denied = "DENIED"
    /// The operation is not supported (405 by default; 404 for a path outside the API, 400 for a disabled delete).
    case unsupported = "UNSUPPORTED"
    /// The caller is rate limited (429).
    case tooManyRequests = "TOOMANYREQUESTS"
    /// The tag cannot be used: ECR sends this (400) when an immutable tag would move; docker shows "tag invalid: ...".
    case tagInvalid = "TAG_INVALID"
    /// A byte range is not satisfiable: an out-of-order chunk or a blob `Range` past the end (416).
    case rangeInvalid = "RANGE_INVALID"
    /// The `n` query parameter is not a non-negative integer (400).
    case paginationNumberInvalid = "PAGINATION_NUMBER_INVALID"
    /// An unexpected server-side failure (500).
    case unknown = "UNKNOWN"
    /// The registry is temporarily unavailable (503).
    case unavailable = "UNAVAILABLE"

    /// The message sent when the caller gives none (distribution's wording).
    public var defaultMessage: String {
        switch self {
        case .blobUnknown: "blob unknown to registry"
        case .blobUploadInvalid: "blob upload invalid"
        case .blobUploadUnknown: "blob upload unknown to registry"
        case .digestInvalid: "provided digest did not match uploaded content"
        case .manifestBlobUnknown: "manifest references a manifest or blob unknown to registry"
        case .manifestInvalid: "manifest invalid"
        case .manifestUnknown: "manifest unknown"
        case .nameInvalid: "invalid repository name"
        case .nameUnknown: "repository name not known to registry"
        case .sizeInvalid: "provided length did not match content length"
        case .unauthorized: "authentication required"
        case .denied: "requested access to the resource is denied"
        case .unsupported: "the operation is unsupported"
        case .tooManyRequests: "too many requests"
        case .tagInvalid: "manifest tag did not match URI"
        case .rangeInvalid: "invalid content range"
        case .paginationNumberInvalid: "invalid number of results requested"
        case .unknown: "unknown error"
        case .unavailable: "service unavailable"
        }
    }

    /// The HTTP status sent when the caller does not override it.
    public var defaultHTTPStatus: Int {
        switch self {
        case .blobUnknown, .blobUploadUnknown, .manifestUnknown, .nameUnknown: 404
        case .blobUploadInvalid, .digestInvalid, .manifestBlobUnknown, .manifestInvalid, .nameInvalid, .sizeInvalid: 400
        case .paginationNumberInvalid, .tagInvalid: 400
        case .unauthorized: 401
        case .denied: 403
        case .unsupported: 405
        case .tooManyRequests: 429
        case .rangeInvalid: 416
        case .unknown: 500
        case .unavailable: 503
        }
    }
}
