import BerthModel

/// An OCI Distribution error that renders itself: `{"errors":[{"code":…,"message":…,"detail":…}]}` plus the HTTP
/// status and the extra response headers it needs (`Allow` for 405, `Range`/`Content-Range` for 416,
/// `WWW-Authenticate` for 401, `Retry-After` for 429).
///
/// The adapter answers with `httpStatus`, every entry of `headers`, and `jsonBody()` as the body
/// (`Content-Type: application/json`), except for HEAD requests, which carry no body.
public struct OCIError: Error, Sendable, Equatable {
    /// The wire code.
    public var code: OCIErrorCode
    /// A human-readable message.
    public var message: String
    /// Optional structured or textual detail.
    public var detail: OCIErrorDetail?
    /// The HTTP status to answer with.
    public var httpStatus: Int
    /// Response headers this error requires, by header name.
    public var headers: [String: String]

    /// Creates an error.
    /// - Parameters:
    ///   - code: The wire code.
    ///   - message: The message; `code.defaultMessage` when nil.
    ///   - detail: Optional detail; omitted from the body when nil.
    ///   - httpStatus: The HTTP status; `code.defaultHTTPStatus` when nil.
    ///   - headers: Extra response headers.
    public init(
        _ code: OCIErrorCode, message: String? = nil, detail: OCIErrorDetail? = nil, httpStatus: Int? = nil, headers: [String: String] = [:]
    ) {
        self.code = code
        self.message = message ?? code.defaultMessage
        self.detail = detail
        self.httpStatus = httpStatus ?? code.defaultHTTPStatus
        self.headers = headers
    }

    /// The JSON body holding this error alone.
    public func jsonBody() -> [UInt8] {
        OCIError.jsonBody([self])
    }

    /// The JSON body holding several errors, in order (e.g. one `MANIFEST_BLOB_UNKNOWN` per missing blob).
    /// - Parameter errors: The errors to list; their statuses and headers are not part of the body.
    /// - Returns: `{"errors":[…]}` with keys in the order code, message, detail.
    public static func jsonBody(_ errors: [OCIError]) -> [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"errors\":[")
        for (index, error) in errors.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw("{")
            writer.key("code", first: true)
            writer.string(error.code.rawValue)
            writer.key("message")
            writer.string(error.message)
            switch error.detail {
            case .text(let text)?:
                writer.key("detail")
                writer.string(text)
            case .fields(let fields)?:
                writer.key("detail")
                writer.stringObject(fields)
            case nil:
                break
            }
            writer.raw("}")
        }
        writer.raw("]}")
        return writer.bytes
    }
}
