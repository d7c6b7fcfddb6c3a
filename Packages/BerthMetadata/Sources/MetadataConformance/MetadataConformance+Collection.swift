import BerthMetadata
import BerthModel

// Garbage collection's bookkeeping: what keeps a blob alive, claims (the fence against links) and pins.
extension MetadataConformance {
    /// An image reference, a recently used link or a live pin keeps a blob; a stale link or an expired pin does not;
    /// every registry scope counts.
    static func collectionFindsUnreferencedBlobs(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        let other = store.scoped(toRegistry: "eu-west-1")
        try Fixture.create("app", in: other)
        let now = Fixture.time + 1000
        _ = try store.putImage(Fixture.image("app", 1, blobs: [10]), tag: "v1", tagIsImmutable: false)
        _ = try other.putImage(Fixture.image("app", 2, blobs: [11]), tag: "v1", tagIsImmutable: false)
        try store.putLayer(LayerRecord(repository: "app", digest: Fixture.digest(12), size: 1, createdAt: now - 10))
        try store.putLayer(LayerRecord(repository: "app", digest: Fixture.digest(13), size: 1, createdAt: now - 500))
        try check.that(try store.pinBlob(Fixture.digest(14), holder: "u1", until: now + 60), "a pin")
        try check.that(try store.pinBlob(Fixture.digest(15), holder: "u2", until: now - 1), "an expired pin")
        let all = (10...16).map(Fixture.digest)
        try check.equal(
            try store.unreferencedBlobs(among: all, linkCutoff: now - 100, now: now), [13, 15, 16].map(Fixture.digest),
            "a stale link, an expired pin and an unknown blob")
        try check.equal(
            try other.unreferencedBlobs(among: all, linkCutoff: now - 5, now: now), [12, 13, 15, 16].map(Fixture.digest),
            "store-wide from any scope; a shorter grace")
        _ = try other.deleteImage(repository: "app", digest: Fixture.digest(2))
        try check.equal(try store.unreferencedBlobs(among: [Fixture.digest(11)], linkCutoff: now, now: now), [Fixture.digest(11)], "image gone")
        try check.equal(try store.removeExpiredBlobPins(now: now), 1, "the expired pin goes")
    }

    /// A claim takes only what is still unreferenced, removes its stale links, and while it stands nothing links or
    /// pins the blob; released, it can be linked again.
    static func collectionClaimsFenceLinksAndPins(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", "web", in: store)
        let now = Fixture.time + 1000
        for repository in ["app", "web"] {
            try store.putLayer(LayerRecord(repository: repository, digest: Fixture.digest(10), size: 1, createdAt: now - 500))
        }
        try store.putLayer(LayerRecord(repository: "app", digest: Fixture.digest(11), size: 1, createdAt: now))
        _ = try store.putImage(Fixture.image("app", 1, blobs: [12]), tag: "v1", tagIsImmutable: false)
        let claimed = try store.claimBlobs((10...13).map(Fixture.digest), linkCutoff: now - 100, now: now)
        try check.equal(claimed, [10, 13].map(Fixture.digest), "only the unreferenced")
        try check.equal(try store.claimedBlobs(), [10, 13].map(Fixture.digest), "listed")
        try check.equal(try store.layer(repository: "web", digest: Fixture.digest(10)), nil, "stale links removed")
        try check.equal(try store.layer(repository: "app", digest: Fixture.digest(11))?.size, 1, "a fresh link stays")
        try check.throwsError(.blobClaimed(Fixture.digest(10)), "no link while claimed") {
            try store.putLayer(LayerRecord(repository: "app", digest: Fixture.digest(10), size: 1, createdAt: now))
        }
        try store.createUpload(Fixture.upload("u1", "app"))
        try check.throwsError(.blobClaimed(Fixture.digest(13)), "no completion while claimed") {
            try store.completeUpload(id: "u1", layer: LayerRecord(repository: "app", digest: Fixture.digest(13), size: 1, createdAt: now))
        }
        try check.equal(try store.upload(id: "u1")?.id, "u1", "the upload stays")
        try check.equal(try store.pinBlob(Fixture.digest(13), holder: "u1", until: now + 60), false, "no pin while claimed")
        try check.equal(try store.claimBlobs([Fixture.digest(13)], linkCutoff: now - 100, now: now), [Fixture.digest(13)], "claiming again")
        try store.releaseBlobClaims(claimed)
        try check.equal(try store.claimedBlobs(), [], "released")
        try check.that(try store.pinBlob(Fixture.digest(13), holder: "u1", until: now + 60), "pinned after the release")
        try check.equal(try store.claimBlobs([Fixture.digest(13)], linkCutoff: now - 100, now: now), [], "a pinned blob is not claimed")
        try store.completeUpload(id: "u1", layer: LayerRecord(repository: "app", digest: Fixture.digest(13), size: 1, createdAt: now))
        try check.equal(try store.layer(repository: "app", digest: Fixture.digest(13))?.usedAt, now, "linked after the release")
    }

    /// Touching a link moves its use; completing an upload removes that upload's pin only.
    static func collectionTouchAndPins(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        let now = Fixture.time + 1000
        try store.putLayer(LayerRecord(repository: "app", digest: Fixture.digest(10), size: 1, createdAt: now - 500))
        try check.that(try store.touchLayer(repository: "app", digest: Fixture.digest(10), at: now), "touched")
        try check.equal(try store.layer(repository: "app", digest: Fixture.digest(10))?.usedAt, now, "used now")
        try check.equal(try store.layer(repository: "app", digest: Fixture.digest(10))?.createdAt, now - 500, "created then")
        try check.equal(try store.touchLayer(repository: "app", digest: Fixture.digest(11), at: now), false, "no such link")
        try check.equal(try store.touchLayer(repository: "nope", digest: Fixture.digest(10), at: now), false, "no such repository")
        for id in ["u1", "u2"] {
            try store.createUpload(Fixture.upload(id, "app"))
            try check.that(try store.pinBlob(Fixture.digest(12), holder: id, until: now + 60), "pin of \(id)")
        }
        try store.completeUpload(id: "u1", layer: LayerRecord(repository: "app", digest: Fixture.digest(12), size: 1, createdAt: now - 500))
        try check.equal(try store.unreferencedBlobs(among: [Fixture.digest(12)], linkCutoff: now, now: now), [], "u2's pin still holds")
        try store.completeUpload(id: "u2", layer: LayerRecord(repository: "app", digest: Fixture.digest(12), size: 1, createdAt: now - 500))
        try check.equal(
            try store.unreferencedBlobs(among: [Fixture.digest(12)], linkCutoff: now, now: now), [Fixture.digest(12)], "both pins gone")
    }

    static func registryScopes(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try check.equal(try store.registryScopes(), [], "empty")
        try Fixture.create("app", in: store.scoped(toRegistry: "us-west-2"))
        try Fixture.create("app", "web", in: store.scoped(toRegistry: "eu-west-1"))
        try check.equal(try store.registryScopes(), ["eu-west-1", "us-west-2"], "each scope once, sorted")
    }
}
