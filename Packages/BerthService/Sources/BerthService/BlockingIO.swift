import Dispatch

/// Runs blocking storage calls (fsync, rename, large writes) on dispatch threads instead of the Swift concurrency
/// pool, which has one thread per core: on a 2-core machine two fsyncs in flight would otherwise stall every other
/// request of the server.
public enum BlockingIO {
    private static let queue = DispatchQueue(label: "berth.blocking-io", attributes: .concurrent)

    /// Runs `body` on a blocking-I/O thread and returns its result.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
