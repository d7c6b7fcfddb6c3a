import BerthBlobStore
import BerthCrypto
import BerthMetadata
public import BerthModel

/// An upload opened for one request, through either door. The host hashes: the bytes go to the blob store's session
/// and into a SHA-256 resumed from the upload's record; `finish()` makes them durable and records the new offset
/// and hash state with a compare-and-set, so any replica continues the upload. The request holds the upload's
/// lease until it finishes, commits or abandons. If it fails midway, `abandon()` leaves the upload where it was
/// recorded (the blob store drops the unrecorded bytes when the upload is next opened).
public final class BlobUpload: @unchecked Sendable {
    /// The session id.
    public let id: String
    /// The repository the session belongs to.
    public let repository: String
    let writer: any BlobUploadWriter
    let registry: Registry
    var record: UploadRecord
    var hasher: SHA256Hasher
    private(set) var appended: Int64 = 0
    /// When this request last took or renewed the upload's lease.
    private var leaseTakenAt: Double

    init(registry: Registry, record: UploadRecord, hasher: SHA256Hasher, writer: any BlobUploadWriter, leaseTakenAt: Double) {
        self.registry = registry
        self.record = record
        self.hasher = hasher
        self.writer = writer
        self.id = record.id
        self.repository = record.repository
        self.leaseTakenAt = leaseTakenAt
    }

    /// Bytes the session holds (the next append starts here).
    public var offset: Int64 { record.bytesReceived + appended }

    /// Appends bytes and hashes them; nothing is durable until `finish()`. A body that streams for longer than a
    /// third of the lease renews it, so no other replica takes the upload over mid-request.
    /// - Throws: `.uploadBusy` when the lease was lost meanwhile.
    public func append(_ bytes: UnsafeRawBufferPointer) throws {
        try keepLease()
        try registry.store { try writer.write(bytes) }
        hasher.update(bytes)
        appended += Int64(bytes.count)
    }

    /// Makes this request's bytes durable and records the progress (`update` may adjust the part accounting first;
    /// it sees the record as it stood). Returns the new offset.
    /// - Throws: `.uploadBusy` when the upload moved meanwhile (another replica took it over), `.uploadNotFound`.
    @discardableResult
    public func finish(update: (inout UploadRecord) -> Void = { _ in }) async throws -> Int64 {
        defer { registry.releaseUploadLease(id) }
        let writer = self.writer
        try await registry.storeBlocking {
            defer { writer.close() }
            try writer.flush()
        }
        let expected = record.bytesReceived
        update(&record)
        if appended > 0 { record.partCount += 1 }
        record.bytesReceived = expected + appended
        record.hashState = hasher.exportState()
        record.updatedAt = registry.clock()
        let updated = record
        try registry.store {
            do {
                try registry.metadata.updateUpload(updated, expectingBytesReceived: expected)
            } catch MetadataError.conflict {
                let current = try registry.metadata.upload(id: updated.id)?.bytesReceived ?? expected
                throw RegistryError.uploadBusy(repository: updated.repository, uploadID: updated.id, bytesReceived: current)
            }
        }
        return record.bytesReceived
    }

    /// Commits everything appended (recorded or not) under `digest` and links the blob into the repository, ending
    /// the session; a final chunk needs no separate `finish()`. A mismatch discards the session so no half blob
    /// remains. - Throws: `.digestMismatch`, `.unsupportedDigest` (the session is left as it was), `.uploadBusy` (another
    /// replica took the upload over; nothing is committed).
    public func commit(expecting digest: Digest) async throws -> LayerRecord {
        defer { registry.releaseUploadLease(id) }
        guard digest.algorithm == "sha256" else {
            writer.close()
            throw RegistryError.unsupportedDigest(digest.description)
        }
        do {
            try keepLease()  // a writer whose lease another replica took over must not commit what it holds
        } catch {
            writer.close()
            throw error
        }
        let computed = Digest(sha256Hex: hasher.finalizeHex())
        let (id, size, writer, blobs) = (self.id, offset, self.writer, registry.blobs)
        do {
            guard computed == digest else { throw RegistryError.digestMismatch(expected: digest.description, computed: computed.description) }
            try await registry.pinBlobForCommit(digest, upload: id)
            try await registry.storeBlocking {
                // Flush first, so a store that buffers reports a failed save here rather than as a short session.
                do { try writer.flush() } catch {
                    writer.close()
                    throw error
                }
                writer.close()
                try blobs.commitUpload(id: id, size: size, as: digest)
            }
        } catch {
            writer.close()
            registry.cleanUp("discard upload \(id) after a failed commit") {
                try registry.blobs.cancelUpload(id: id)
                try registry.metadata.deleteUpload(id: id)
            }
            throw error
        }
        let layer = LayerRecord(repository: repository, digest: digest.description, size: size, createdAt: registry.clock())
        try registry.store { try registry.metadata.completeUpload(id: id, layer: layer) }
        return layer
    }

    /// Renews the lease once a third of it has passed (within that, no other replica can have taken it: it is ours
    /// until `leaseTakenAt` plus the full lease). - Throws: `.uploadBusy` when another replica holds it now.
    private func keepLease() throws {
        let now = registry.clock()
        guard now - leaseTakenAt > Registry.uploadLeaseSeconds / 3 else { return }
        guard try registry.renewUploadLease(id, now: now) else {
            throw RegistryError.uploadBusy(repository: repository, uploadID: id, bytesReceived: record.bytesReceived)
        }
        leaseTakenAt = now
    }

    /// Releases the handle without recording: the upload stays where it was last recorded.
    public func abandon() {
        writer.close()
        registry.releaseUploadLease(id)
    }
}
