import BerthModel

/// How transient failures are retried: exponential backoff, giving up after `window` seconds without progress.
public struct RetryPolicy: Sendable {
    /// Seconds of failures without progress after which the transfer gives up.
    public var window: Double
    /// The first delay in seconds.
    public var initialDelay: Double
    /// The longest delay in seconds.
    public var maximumDelay: Double

    /// A policy; the defaults retry for a minute, from 0.25 s up to 4 s apart.
    public init(window: Double = 60, initialDelay: Double = 0.25, maximumDelay: Double = 4) {
        self.window = window
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }
}

/// One operation's retry state under a `RetryPolicy`: when its failures started and the next delay.
struct RetryState {
    let policy: RetryPolicy
    private var failingSince: ContinuousClock.Instant?
    private var delay: Double

    init(policy: RetryPolicy) {
        self.policy = policy
        delay = policy.initialDelay
    }

    /// Progress was made: the next failure starts a fresh window.
    mutating func progressed() {
        failingSince = nil
        delay = policy.initialDelay
    }

    /// The seconds to wait before retrying after `error`, or nil to give up (not transient, or out of time).
    mutating func delay(after error: TransferError, now: ContinuousClock.Instant = .now) -> Double? {
        guard error.isTransient else { return nil }
        let start = failingSince ?? now
        failingSince = start
        guard now - start < .seconds(policy.window) else { return nil }
        defer { delay = min(delay * 2, policy.maximumDelay) }
        return delay
    }

    /// Waits before the next attempt after `error`, reporting it, or rethrows it when the policy gives up.
    mutating func wait(
        after error: TransferError, blob: Digest?, observer: any TransferObserver, signal: AbortSignal? = nil
    ) async throws(TransferError) {
        try signal?.check()
        guard let seconds = delay(after: error) else { throw error }
        observer.handle(.retrying(blob, reason: error.description, delay: seconds))
        do {
            try await Task.sleep(for: .seconds(seconds))
        } catch {
            throw .unreachable(endpoint: "the server", reason: "cancelled")
        }
    }
}
