public import BerthModel
import Foundation
import Synchronization

/// What a push did.
public struct PushResult: Sendable {
    /// The digest of the manifest the tag now names.
    public var digest: Digest
    /// Blobs uploaded, and their bytes.
    public var uploadedBlobs: Int
    /// Bytes uploaded.
    public var uploadedBytes: Int64
    /// Blobs the registry already had.
    public var skippedBlobs: Int
}

/// Pushes a `PushPlan`: blobs in parallel (`jobs` at a time, present ones skipped), then child manifests by
/// digest, then the top manifest by tag, always after every blob it needs.
public struct ImagePusher: Sendable {
    private let client: RegistryClient
    private let options: TransferOptions
    private let observer: any TransferObserver

    /// A pusher into `client`'s repository.
    public init(client: RegistryClient, options: TransferOptions, observer: any TransferObserver) {
        self.client = client
        self.options = options
        self.observer = observer
    }

    /// Pushes `plan` and tags its top manifest `tag` (by digest when `tag` is nil).
    /// - Throws: `TransferError` once retries of a transient failure ran out, or at once for any other.
    public func push(_ plan: PushPlan, tag: String?) async throws(TransferError) -> PushResult {
        observer.handle(.planned(blobs: plan.blobs.count, bytes: plan.blobs.reduce(0) { $0 + $1.size }))
        let signal = AbortSignal()
        let pusher = BlobPusher(client: client, options: options, observer: observer, signal: signal)
        let tally = Mutex((uploaded: 0, bytes: Int64(0), skipped: 0))
        try await forEachConcurrently(plan.blobs, limit: options.jobs, signal: signal) { blob throws(TransferError) in
            let uploaded = try await pusher.push(blob)
            tally.withLock { tally in
                if uploaded {
                    tally.uploaded += 1
                    tally.bytes += blob.size
                } else {
                    tally.skipped += 1
                }
            }
        }
        for child in plan.children {
            try await putManifest(child, reference: child.digest.description)
        }
        try await putManifest(plan.top, reference: tag ?? plan.top.digest.description)
        let counts = tally.withLock { $0 }
        return PushResult(digest: plan.top.digest, uploadedBlobs: counts.uploaded, uploadedBytes: counts.bytes, skippedBlobs: counts.skipped)
    }

    private func putManifest(_ manifest: ManifestSource, reference: String) async throws(TransferError) {
        var retry = RetryState(policy: options.retry)
        while true {
            do throws(TransferError) {
                return try await client.putManifest(Data(manifest.bytes), mediaType: manifest.mediaType, reference: reference)
            } catch {
                try await retry.wait(after: error, blob: manifest.digest, observer: observer)
            }
        }
    }
}
