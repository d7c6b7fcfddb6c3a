public import Foundation

/// One HTTP request in plain values: what `HTTPTransport` sends.
public struct HTTPRequest: Sendable {
    /// The method (`GET`, `POST`, ...).
    public var method: String
    /// The full URL.
    public var url: URL
    /// The headers to send (`Host` and `Content-Length` are set by the transport).
    public var headers: [(name: String, value: String)]
    /// The body (empty for none).
    public var body: Data

    /// Creates a request.
    public init(method: String, url: URL, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One HTTP answer in plain values.
public struct HTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The headers, by lower-cased name (repeated headers joined with `,`).
    public var headers: [String: String]
    /// The body.
    public var body: Data

    /// Creates an answer.
    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The header `name` (any case), or nil.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
