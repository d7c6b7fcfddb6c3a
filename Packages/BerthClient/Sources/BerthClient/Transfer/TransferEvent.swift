public import BerthModel

/// What a push or pull reports while it runs, for a progress display.
public enum TransferEvent: Sendable {
    /// The transfer will handle `blobs` blobs of `bytes` bytes in all.
    case planned(blobs: Int, bytes: Int64)
    /// Work on a blob of `size` bytes started.
    case started(Digest, size: Int64)
    /// `completed` bytes of the blob are done (may go down after a resumed transfer resynchronised).
    case progressed(Digest, completed: Int64)
    /// The blob is done; `skipped` when it was already there and nothing moved.
    case finished(Digest, size: Int64, skipped: Bool)
    /// A transient failure; the transfer retries after `delay` seconds.
    case retrying(Digest?, reason: String, delay: Double)
}

/// Receives `TransferEvent`s, possibly from several tasks at once.
public protocol TransferObserver: Sendable {
    /// Handles one event; must return quickly.
    func handle(_ event: TransferEvent)
}

/// An observer that ignores everything.
public struct SilentObserver: TransferObserver {
    /// Creates one.
    public init() {}

    /// Ignores `event`.
    public func handle(_ event: TransferEvent) {}
}
