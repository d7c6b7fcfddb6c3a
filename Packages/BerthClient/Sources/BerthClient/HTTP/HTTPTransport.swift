/// Sends one HTTP request and returns the whole answer: the one seam between the client and the network, so tests
/// and other transports can stand in for `URLSessionTransport`.
public protocol HTTPTransport: Sendable {
    /// Sends `request`; any HTTP status is an answer, not an error.
    /// - Throws: `ClientError.unreachable` when no answer came back.
    func send(_ request: HTTPRequest) async throws(ClientError) -> HTTPResponse
}
