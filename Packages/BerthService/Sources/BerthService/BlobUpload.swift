public import BerthBlobStore
public import BerthMetadata
public import BerthModel

/// An OCI blob upload opened for one request: the HTTP layer appends the request body's bytes as they arrive,
/// then `finish()` checkpoints the bytes and hash state so the session can continue in a later request, after a
/// restart or on another replica. If the request fails midway, `abandon()` leaves the session at its last
/// checkpoint.
public final class BlobUpload: @unchecked Sendable {
    /// The session id.
    public let id: String
    /// The repository the session belongs to.
    public let repository: String
    let writer: any BlobUploadWriter
    let registry: Registry
    var record: UploadRecord
    private(set) var appended: Int64 = 0

    init(registry: Registry, record: UploadRecord, writer: any BlobUploadWriter) {
        self.registry = registry
        self.record = record
        self.writer = writer
        self.id = record.id
        self.repository = record.repository
    }

    /// Bytes the session holds (the next append starts here).
    public var offset: Int64 { writer.offset }

    /// Appends bytes and hashes them; nothing is durable until `finish()`.
    public func append(_ bytes: UnsafeRawBufferPointer) throws {
        try registry.store { try writer.append(bytes) }
        appended += Int64(bytes.count)
    }

    /// Checkpoints the bytes appended by this request and records the progress. Returns the new offset.
    @discardableResult
    public func finish() async throws -> Int64 {
        let writer = self.writer
        try await BlockingIO.run { try writer.checkpoint() }
        record.bytesReceived = writer.offset
        record.updatedAt = registry.clock()
        if appended > 0 { record.partCount += 1 }
        let updated = record
        try registry.store { try registry.metadata.updateUpload(updated) }
        writer.close()
        return record.bytesReceived
    }

    /// Commits everything appended (checkpointed or not) under `digest` and links the blob into the repository,
    /// ending the session; no separate checkpoint is needed for a final chunk. A mismatch discards the session so
    /// no half blob remains. - Throws: `.digestMismatch`, `.unsupportedDigest`.
    public func commit(expecting digest: Digest) async throws -> LayerRecord {
        let info: BlobInfo
        let writer = self.writer
        do {
            info = try await BlockingIO.run {
                defer { writer.close() }
                return try writer.commit(expecting: digest)
            }
        } catch {
            let id = self.id
            registry.cleanUp("discard upload \(id) after a failed commit") {
                try registry.blobs.cancelUpload(id: id)
                try registry.metadata.deleteUpload(id: id)
            }
            throw RegistryError(error as? BlobStoreError ?? .backend(String(describing: error)))
        }
        let layer = LayerRecord(repository: repository, digest: info.digest.description, size: info.size, createdAt: registry.clock())
        try registry.store {
            try registry.metadata.putLayer(layer)
            try registry.metadata.deleteUpload(id: id)
        }
        return layer
    }

    /// Releases the handle without checkpointing: the session stays at its last checkpoint.
    public func abandon() {
        writer.close()
    }
}
