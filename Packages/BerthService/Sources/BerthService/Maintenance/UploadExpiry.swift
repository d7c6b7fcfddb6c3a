public import BerthBlobStore
public import BerthMetadata
import BerthModel
public import Logging

/// Removes upload sessions idle for longer than a maximum age, with their bytes (an S3 store aborts the multipart
/// upload). An upload a request is writing right now holds its lease; expiry takes the lease first, so it never
/// removes an upload under a live request.
public struct UploadExpiry: Sendable {
    let blobs: any BlobStore
    let metadata: any MetadataStore
    let clock: @Sendable () -> Double
    let holder: String
    let logger: Logger

    /// Expiry over `blobs` and `metadata` (store-wide), taking upload leases as `holder`.
    public init(
        blobs: any BlobStore, metadata: any MetadataStore, clock: @escaping @Sendable () -> Double, holder: String,
        logger: Logger = Logger(label: "berth.uploads")
    ) {
        self.blobs = blobs
        self.metadata = metadata
        self.clock = clock
        self.holder = holder
        self.logger = logger
    }

    /// What one expiry pass did.
    public struct Report: Sendable, Equatable {
        /// Upload sessions removed (a dry run: that would be).
        public var expired = 0
        /// Bytes those sessions held.
        public var bytes: Int64 = 0
        /// Sessions skipped because a request holds them, or that failed (logged).
        public var skipped = 0
    }

    /// Removes uploads idle for more than `maxAge` seconds (`dryRun`: only counts them).
    /// - Throws: `RegistryError.backend` when the listing fails.
    public func expire(olderThan maxAge: Double, dryRun: Bool) throws -> Report {
        var report = Report()
        let stale: [UploadRecord]
        do { stale = try metadata.listUploads(updatedBefore: clock() - maxAge) } catch { throw RegistryError.backend(String(describing: error)) }
        for upload in stale {
            if dryRun {
                report.expired += 1
                report.bytes += upload.bytesReceived
                continue
            }
            let lease = Registry.uploadLease(upload.id)
            do {
                let now = clock()
                guard try metadata.acquireLease(lease, holder: holder, until: now + 300, now: now) else {
                    report.skipped += 1
                    continue
                }
                defer { releaseLease(lease) }
                try blobs.cancelUpload(id: upload.id)
                try metadata.deleteUpload(id: upload.id)
                report.expired += 1
                report.bytes += upload.bytesReceived
            } catch {
                report.skipped += 1
                logger.error("uploads: could not expire an upload", metadata: ["upload": "\(upload.id)", "error": "\(error)"])
            }
        }
        return report
    }

    private func releaseLease(_ name: String) {
        do { try metadata.releaseLease(name, holder: holder) } catch {
            logger.warning("uploads: could not release a lease (it expires by itself)", metadata: ["lease": "\(name)", "error": "\(error)"])
        }
    }
}
