import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Streams response bodies (blob downloads) to a `ResponseSink` as they arrive, where `HTTPTransport` would hold
/// the whole body: a URLSession whose delegate routes each task's bytes to the sink registered for it.
public final class StreamingTransport: Sendable {
    private let session: URLSession
    private let router: StreamRouter

    /// A transport with up to `connections` connections per host, failing after `idleTimeout` seconds without bytes.
    public init(connections: Int = 8, idleTimeout: Double = 60) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(connections, 1)
        configuration.timeoutIntervalForRequest = idleTimeout
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        router = StreamRouter()
        session = URLSession(configuration: configuration, delegate: router, delegateQueue: nil)
    }

    deinit { session.finishTasksAndInvalidate() }

    /// Sends `request`, streaming a 2xx body into `sink`; any other answer comes back with its body in memory.
    /// - Throws: `TransferError.unreachable` when the exchange broke, or what the sink threw.
    public func stream(_ request: HTTPRequest, into sink: any ResponseSink) async throws(TransferError) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        for header in request.headers { urlRequest.addValue(header.value, forHTTPHeaderField: header.name) }
        let origin = URLSessionTransport.origin(of: request.url)
        let result: Result<HTTPResponse, TransferError> = await withCheckedContinuation { continuation in
            let task = session.dataTask(with: urlRequest)
            router.register(task.taskIdentifier, StreamRouter.Route(sink: sink, origin: origin) { continuation.resume(returning: $0) })
            task.resume()
        }
        return try result.get()
    }

    /// The headers of `response`, names lower-cased.
    static func headers(of response: HTTPURLResponse) -> [String: String] {
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return headers
    }
}
