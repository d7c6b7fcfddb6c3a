/// Runs `body` over `items` with at most `limit` running at once; the first failure cancels the rest.
/// - Throws: The first `TransferError` a body threw.
func forEachConcurrently<Item: Sendable>(
    _ items: [Item], limit: Int, _ body: @escaping @Sendable (Item) async throws(TransferError) -> Void
) async throws(TransferError) {
    do {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = items.makeIterator()
            for _ in 0..<max(limit, 1) {
                guard let item = pending.next() else { break }
                group.addTask { try await body(item) }
            }
            while try await group.next() != nil {
                if let item = pending.next() { group.addTask { try await body(item) } }
            }
        }
    } catch let error as TransferError {
        throw error
    } catch {
        throw .unreachable(endpoint: "the server", reason: "cancelled")
    }
}
