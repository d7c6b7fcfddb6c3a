/// An HTTP request as SigV4 sees it, in plain values: the HTTP layer copies these from whatever it received.
///
/// Nothing is decoded or normalized on the way in: the verifier canonicalizes exactly as the client did.
public struct SigV4Request: Sendable {
    /// The HTTP method, e.g. `"POST"` or `"GET"`.
    public var method: String
    /// The raw path as received, percent-encoding intact, e.g. `"/"`.
    public var path: String
    /// The raw query string without the `?`; empty when there is none.
    public var query: String
    /// Every header as received: any case, possibly repeated, in order. Must include `Host`.
    public var headers: [(name: String, value: String)]
    /// The lower-case hex SHA-256 of the body (of the empty body when there is none).
    public var payloadSHA256: String

    /// A request from its parts.
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - path: the raw path, percent-encoding intact.
    ///   - query: the raw query string without `?`, or `""`.
    ///   - headers: the headers as received.
    ///   - payloadSHA256: the lower-case hex SHA-256 of the body.
    public init(method: String, path: String, query: String, headers: [(name: String, value: String)], payloadSHA256: String) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.payloadSHA256 = payloadSHA256
    }

    /// The hex SHA-256 of an empty body, which GET requests carry.
    public static let emptyPayloadSHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Every value of the header `name` (compared case-insensitively), in order.
    public func headerValues(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// The first value of the header `name` (compared case-insensitively), or nil.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}
