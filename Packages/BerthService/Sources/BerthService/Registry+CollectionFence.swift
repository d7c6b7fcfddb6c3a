import BerthMetadata
public import BerthModel

/// The request side of garbage collection's fence (the collector's side is `GarbageCollector`):
///
/// - an upload pins its digest before committing the bytes and the pin goes in the transaction that links them, so no
///   collector claims a blob between "bytes committed" and "linked";
/// - a pin, a link (`putLayer`, `completeUpload`) or a mount is refused while a collector holds a claim on the digest;
///   a commit waits for the claim to end (the collector deletes the bytes, then releases), then writes the bytes anew;
/// - an existence check a push relies on (blob HEAD, BatchCheckLayerAvailability) records the link's use, so a blob a
///   client was just told exists stays for the grace period even when no image references it yet; if a collector
///   unlinked it first, the check answers "unknown" and the client uploads it.
///
/// PutImage re-checks every referenced link in the transaction that commits the image (`NewImage.requiresReferences`),
/// and a claim removes the links first, so a manifest either commits before the claim (its blobs are then referenced
/// and not claimed) or fails with MANIFEST_BLOB_UNKNOWN / LayersNotFoundException.
extension Registry {
    /// How long a pin protects a blob an upload is committing (beyond the slowest commit: a multi-GiB server-side copy).
    static let blobPinSeconds = 3_600.0
    /// How long a commit waits for a collector to finish deleting the same digest before answering `.blobBeingCollected`.
    static let claimWaitSeconds = 20.0
    /// At most one write per link per this many seconds records its use (existence checks in between are not written).
    static let linkTouchSeconds = 5.0

    /// Pins `digest` for upload `id` before its bytes are committed, waiting while a collector holds a claim on it.
    /// - Throws: `.blobBeingCollected` when the claim outlasts `claimWaitSeconds` (a collector stopped midway).
    func pinBlobForCommit(_ digest: Digest, upload id: String) async throws {
        let deadline = clock() + Self.claimWaitSeconds
        while true {
            let now = clock()
            if try store({ try metadata.pinBlob(digest.description, holder: id, until: now + Self.blobPinSeconds) }) { return }
            guard now < deadline else { throw RegistryError.blobBeingCollected(digest.description) }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Records that a push relies on `layer` now (at most once per `linkTouchSeconds`); false when a collector
    /// unlinked it meanwhile.
    func recordLinkUse(_ layer: LayerRecord) throws -> Bool {
        let now = clock()
        guard now - layer.usedAt >= Self.linkTouchSeconds else { return true }
        return try store { try metadata.touchLayer(repository: layer.repository, digest: layer.digest, at: now) }
    }

    /// The layer as an existence check reports it to a pushing client: linked and its use recorded, or nil.
    public func availableLayer(in repository: String, digest: Digest) throws -> LayerRecord? {
        guard let layer = try findLayer(in: repository, digest: digest), try recordLinkUse(layer) else { return nil }
        return layer
    }
}
