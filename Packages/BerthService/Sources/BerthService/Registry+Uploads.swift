import BerthBlobStore
import BerthCrypto
import BerthMetadata
public import BerthModel

/// Which door opened an upload session: ECR's layer API (InitiateLayerUpload) or the OCI blob API. A session is
/// only ever continued through the door that opened it.
public enum UploadKind: String, Sendable {
    case ecr
    case oci
}

extension Registry {
    /// Starts a blob upload session in `repository`. - Throws: `.repositoryNotFound`.
    public func startUpload(repository: String, kind: UploadKind = .oci) throws -> UploadRecord {
        _ = try requireRepository(repository)
        let id = SecureRandom.uuid()
        try store { try blobs.createUpload(id: id) }
        let now = clock()
        let record = UploadRecord(id: id, repository: repository, kind: kind.rawValue, createdAt: now, updatedAt: now)
        try store { try metadata.createUpload(record) }
        return record
    }

    /// The upload `id` in `repository`. - Throws: `.uploadNotFound` (also for another repository's or door's upload).
    public func upload(id: String, repository: String, kind: UploadKind = .oci) throws -> UploadRecord {
        guard let record = try store({ try metadata.upload(id: id) }), record.repository == repository, record.kind == kind.rawValue else {
            throw RegistryError.uploadNotFound(id)
        }
        return record
    }

    /// Reopens an upload session to append one request's bytes, taking its lease (one request at a time across
    /// replicas; within this process the upload lock already queues them).
    /// - Throws: `.uploadNotFound`, `.uploadBusy` (another replica's request holds the lease).
    public func openUpload(id: String, repository: String, kind: UploadKind = .oci) throws -> BlobUpload {
        let record = try upload(id: id, repository: repository, kind: kind)
        guard let hasher = record.hashState.isEmpty ? SHA256Hasher() : SHA256Hasher(state: record.hashState) else {
            throw RegistryError.backend("upload \(id): its recorded hash state is unreadable")
        }
        let now = clock()
        guard try renewUploadLease(id, now: now) else {
            throw RegistryError.uploadBusy(repository: repository, uploadID: id, bytesReceived: record.bytesReceived)
        }
        do {
            let writer = try store { try blobs.openUpload(id: id, at: record.bytesReceived) }
            return BlobUpload(registry: self, record: record, hasher: hasher, writer: writer, leaseTakenAt: now)
        } catch {
            releaseUploadLease(id)
            throw error
        }
    }

    /// How long a request holds an upload without renewing before another replica may take it over (a streaming body
    /// renews every third of it).
    static let uploadLeaseSeconds = 900.0

    /// Takes or renews this process's lease on upload `id` from `now`; false when another replica holds it.
    func renewUploadLease(_ id: String, now: Double) throws -> Bool {
        try store { try metadata.acquireLease(Self.uploadLease(id), holder: instanceID, until: now + Self.uploadLeaseSeconds, now: now) }
    }

    static func uploadLease(_ id: String) -> String { "upload:" + id }

    /// Gives up this process's lease on upload `id`; a failure is logged (the lease expires by itself).
    func releaseUploadLease(_ id: String) {
        cleanUp("release the lease of upload \(id)") { try metadata.releaseLease(Self.uploadLease(id), holder: instanceID) }
    }

    /// Completes an upload: verifies `digest`, stores the blob and links it into the repository. A mismatch
    /// discards the session so no half blob remains. - Throws: `.uploadNotFound`, `.digestMismatch`.
    public func commitUpload(id: String, repository: String, digest: Digest, kind: UploadKind = .oci) async throws -> LayerRecord {
        try await openUpload(id: id, repository: repository, kind: kind).commit(expecting: digest)
    }

    /// Cancels an upload and discards its bytes. - Throws: `.uploadNotFound`.
    public func cancelUpload(id: String, repository: String, kind: UploadKind = .oci) throws {
        _ = try upload(id: id, repository: repository, kind: kind)
        try store {
            try blobs.cancelUpload(id: id)
            try metadata.deleteUpload(id: id)
        }
    }

    /// Links a blob that `source` holds into `repository` (cross-repository mount). Returns nil when the blob
    /// cannot be mounted (the source does not link it, its bytes are gone, or the account setting BLOB_MOUNTING is
    /// DISABLED); the client then uploads it.
    public func mountBlob(_ digest: Digest, into repository: String, from source: String) throws -> LayerRecord? {
        _ = try requireRepository(repository)
        guard try isBlobMountingEnabled() else { return nil }
        if let existing = try availableLayer(in: repository, digest: digest) { return existing }
        guard let linked = try store({ try metadata.layer(repository: source, digest: digest.description) }),
            try store({ try blobs.stat(digest) }) != nil
        else { return nil }
        let layer = LayerRecord(repository: repository, digest: linked.digest, size: linked.size, createdAt: clock())
        do {
            try store { try metadata.putLayer(layer) }
        } catch RegistryError.blobBeingCollected {
            return nil  // a collector is deleting it: the client uploads it instead
        }
        // A collector that claimed the blob between the checks above and the link removed the source's link (and
        // then the bytes): undo the new link, the client uploads instead.
        guard try store({ try metadata.layer(repository: source, digest: digest.description) }) != nil else {
            try store { _ = try metadata.deleteLayer(repository: repository, digest: digest.description) }
            return nil
        }
        return layer
    }

    /// The blob `digest` as linked into `repository`. With `recordingUse` (an existence check a push relies on: a
    /// blob HEAD) the link's use is recorded for garbage collection's grace period; a pull (GET) stays read-only.
    /// - Throws: `.blobsNotFound`.
    public func blob(_ digest: Digest, in repository: String, recordingUse: Bool = false) throws -> LayerRecord {
        guard let layer = try store({ try metadata.layer(repository: repository, digest: digest.description) }),
            try store({ try blobs.stat(digest) }) != nil, try !recordingUse || recordLinkUse(layer)
        else {
            _ = try requireRepository(repository)
            throw RegistryError.blobsNotFound([digest.description])
        }
        return layer
    }

    /// Unlinks a blob from `repository` (its bytes stay until GC finds them unreferenced). - Throws: `.blobsNotFound`.
    public func deleteBlob(_ digest: Digest, from repository: String) throws {
        _ = try requireRepository(repository)
        guard try store({ try metadata.deleteLayer(repository: repository, digest: digest.description) }) else {
            throw RegistryError.blobsNotFound([digest.description])
        }
    }
}
