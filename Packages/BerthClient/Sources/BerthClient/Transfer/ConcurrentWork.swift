import Synchronization

/// Raised when one of several parallel transfers failed, so the others stop at their next chunk or retry instead of
/// being cancelled mid-request (URLSession's async calls do not all survive task cancellation on Linux).
final class AbortSignal: Sendable {
    private let firstError = Mutex<TransferError?>(nil)

    /// Records `error` (the first one wins).
    func raise(_ error: TransferError) {
        firstError.withLock { if $0 == nil { $0 = error } }
    }

    /// The first error raised, if any.
    var error: TransferError? { firstError.withLock { $0 } }

    /// Throws the first error raised, if any.
    func check() throws(TransferError) {
        if let error { throw error }
    }
}

/// Runs `body` over `items` with at most `limit` running at once. The first failure raises `signal`: no further
/// item starts, running ones stop at their next check, and that failure is thrown once all have returned.
/// - Throws: The first `TransferError` a body threw.
func forEachConcurrently<Item: Sendable>(
    _ items: [Item], limit: Int, signal: AbortSignal, _ body: @escaping @Sendable (Item) async throws(TransferError) -> Void
) async throws(TransferError) {
    await withTaskGroup(of: Void.self) { group in
        var pending = items.makeIterator()
        func start(_ item: Item) {
            group.addTask {
                do throws(TransferError) {
                    try signal.check()
                    try await body(item)
                } catch {
                    signal.raise(error)
                }
            }
        }
        for _ in 0..<max(limit, 1) {
            guard let item = pending.next() else { break }
            start(item)
        }
        while await group.next() != nil {
            if signal.error == nil, let item = pending.next() { start(item) }
        }
    }
    try signal.check()
}
