import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The streaming session's delegate: hands each task's response and bytes to the sink registered for it and
/// finishes the task's continuation when it completes.
final class StreamRouter: NSObject, URLSessionDataDelegate, Sendable {
    /// One streaming task's sink, what it has seen and how to finish it.
    final class Route: @unchecked Sendable {
        // Touched only from the session's serial delegate queue after registration.
        let sink: any ResponseSink
        let origin: String
        let finish: (Result<HTTPResponse, TransferError>) -> Void
        var status = 0
        var headers: [String: String] = [:]
        var errorBody = Data()
        var failure: TransferError?

        init(sink: any ResponseSink, origin: String, finish: @escaping (Result<HTTPResponse, TransferError>) -> Void) {
            self.sink = sink
            self.origin = origin
            self.finish = finish
        }
    }

    private let routes = Mutex<[Int: Route]>([:])

    func register(_ taskIdentifier: Int, _ route: Route) {
        routes.withLock { $0[taskIdentifier] = route }
    }

    private func route(_ task: URLSessionTask) -> Route? {
        routes.withLock { $0[task.taskIdentifier] }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        guard let route = route(dataTask), let http = response as? HTTPURLResponse else { return completionHandler(.cancel) }
        route.status = http.statusCode
        route.headers = StreamingTransport.headers(of: http)
        if (200..<300).contains(route.status) {
            do throws(TransferError) {
                try route.sink.begin(status: route.status, headers: route.headers)
            } catch {
                route.failure = error
                return completionHandler(.cancel)
            }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let route = route(dataTask), route.failure == nil else { return }
        guard (200..<300).contains(route.status) else {
            if route.errorBody.count < 64 * 1024 { route.errorBody.append(data) }
            return
        }
        do throws(TransferError) {
            try route.sink.receive(data)
        } catch {
            route.failure = error
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let route = routes.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        if let failure = route.failure { return route.finish(.failure(failure)) }
        if let error { return route.finish(.failure(.unreachable(endpoint: route.origin, reason: URLSessionTransport.reason(error)))) }
        guard route.status != 0 else { return route.finish(.failure(.unreachable(endpoint: route.origin, reason: "no HTTP answer"))) }
        route.finish(.success(HTTPResponse(status: route.status, headers: route.headers, body: route.errorBody)))
    }
}
