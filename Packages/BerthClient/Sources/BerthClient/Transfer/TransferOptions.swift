/// How a push or pull runs.
public struct TransferOptions: Sendable {
    /// How many blobs move at once.
    public var jobs: Int
    /// The size of each upload chunk (PATCH) and file read.
    public var chunkSize: Int
    /// How long transient failures are retried without progress.
    public var retry: RetryPolicy

    /// Options with `jobs` parallel blobs, 16 MiB chunks and the default retry policy.
    public init(jobs: Int = 4, chunkSize: Int = 8 << 20, retry: RetryPolicy = RetryPolicy()) {
        self.jobs = max(jobs, 1)
        self.chunkSize = max(chunkSize, 64 << 10)
        self.retry = retry
    }
}
