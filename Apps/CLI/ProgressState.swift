import BerthClient
import BerthModel

/// What a transfer has done so far, built from its `TransferEvent`s (no output, no clock).
struct ProgressState {
    /// One blob's progress.
    struct Blob {
        var digest: Digest
        var size: Int64
        var completed: Int64 = 0
        var finished = false
        var skipped = false

        /// `sha256:` and the first 12 hex digits.
        var shortDigest: String { "\(digest.algorithm):\(digest.encoded.prefix(12))" }
    }

    private(set) var blobs: [Blob] = []
    private var positions: [Digest: Int] = [:]
    private(set) var plannedBlobs = 0
    private(set) var plannedBytes: Int64 = 0
    /// The last retry's message, until the next progress.
    private(set) var status: String?

    /// Applies `event`. - Returns: the blob when the event finished it.
    mutating func apply(_ event: TransferEvent) -> Blob? {
        switch event {
        case .planned(let count, let bytes):
            plannedBlobs = count
            plannedBytes = bytes
        case .started(let digest, let size):
            if positions[digest] == nil {
                positions[digest] = blobs.count
                blobs.append(Blob(digest: digest, size: size))
            }
        case .progressed(let digest, let completed):
            if let position = positions[digest] { blobs[position].completed = completed }
            status = nil
        case .finished(let digest, let size, let skipped):
            guard let position = positions[digest] else { return nil }
            blobs[position].completed = size
            blobs[position].finished = true
            blobs[position].skipped = skipped
            return blobs[position]
        case .retrying(_, let reason, let delay):
            status = "retrying in \(ProgressUnits.duration(delay)): \(reason)"
        }
        return nil
    }

    /// Bytes actually moved (skipped blobs excluded).
    var movedBytes: Int64 {
        blobs.reduce(0) { $0 + ($1.skipped ? 0 : $1.completed) }
    }

    /// Bytes done, counting skipped blobs as done.
    var doneBytes: Int64 {
        blobs.reduce(0) { $0 + $1.completed }
    }

    /// Blobs finished (moved or skipped).
    var finishedBlobs: Int { blobs.count { $0.finished } }
}
