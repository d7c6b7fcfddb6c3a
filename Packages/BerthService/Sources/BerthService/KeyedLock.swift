/// An async mutex per key: callers with the same key run one at a time, others run freely.
final class KeyedLock: Sendable {
    fileprivate let state = KeyedLockState()

    /// Runs `body` while holding the lock for `key`.
    func withLock<T: Sendable>(_ key: String, _ body: () async throws -> T) async throws -> T {
        await state.acquire(key)
        do {
            let result = try await body()
            await state.release(key)
            return result
        } catch {
            await state.release(key)
            throw error
        }
    }
}

extension KeyedLock {
    /// Runs `body` holding the lock for `key` if nobody holds it; returns nil at once when somebody does.
    func withLockIfFree<T: Sendable>(_ key: String, _ body: () async throws -> T) async throws -> T? {
        guard await state.tryAcquire(key) else { return nil }
        do {
            let result = try await body()
            await state.release(key)
            return result
        } catch {
            await state.release(key)
            throw error
        }
    }
}

private actor KeyedLockState {
    func tryAcquire(_ key: String) -> Bool {
        held.insert(key).inserted
    }

    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]
    private var held: Set<String> = []

    func acquire(_ key: String) async {
        if !held.contains(key) {
            held.insert(key)
            return
        }
        await withCheckedContinuation { continuation in
            waiters[key, default: []].append(continuation)
        }
    }

    func release(_ key: String) {
        if var queue = waiters[key], !queue.isEmpty {
            let next = queue.removeFirst()
            waiters[key] = queue.isEmpty ? nil : queue
            next.resume()
        } else {
            held.remove(key)
        }
    }
}
