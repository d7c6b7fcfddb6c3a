import BerthMetadata
import BerthModel

// Cases: layers, uploads and settings.
extension MetadataConformance {
    static func layersAreIdempotentAndKeepFirst(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        let first = LayerRecord(repository: "app", digest: Fixture.digest(10), size: 123, createdAt: Fixture.time)
        try store.putLayer(first)
        try store.putLayer(LayerRecord(repository: "app", digest: Fixture.digest(10), size: 999, createdAt: Fixture.time + 5))
        var kept = first
        kept.usedAt = Fixture.time + 5
        try check.equal(try store.layer(repository: "app", digest: Fixture.digest(10)), kept, "the first record is kept, its use moves forward")
        try store.putLayer(LayerRecord(repository: "app", digest: Fixture.digest(10), size: 999, createdAt: Fixture.time + 1))
        try check.equal(try store.layer(repository: "app", digest: Fixture.digest(10)), kept, "never backwards")
        try check.equal(try store.layer(repository: "app", digest: Fixture.digest(11)), nil, "an unknown layer")
    }

    static func isLayerLinkedAnywhere(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("one", "two", in: store)
        try check.equal(try store.isLayerLinkedAnywhere(digest: Fixture.digest(10)), false, "before any link")
        try store.putLayer(LayerRecord(repository: "two", digest: Fixture.digest(10), size: 1, createdAt: Fixture.time))
        try check.equal(try store.isLayerLinkedAnywhere(digest: Fixture.digest(10)), true, "linked into one repository")
        try check.equal(try store.layer(repository: "one", digest: Fixture.digest(10)), nil, "links are per repository")
        _ = try store.deleteRepository(named: "two", force: false)
        try check.equal(try store.isLayerLinkedAnywhere(digest: Fixture.digest(10)), false, "after its repository is deleted")
    }

    static func putLayerInUnknownRepository(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try check.throwsError(.repositoryNotFound("nope"), "putLayer in an unknown repository") {
            try store.putLayer(LayerRecord(repository: "nope", digest: Fixture.digest(1), size: 1, createdAt: Fixture.time))
        }
        try check.equal(try store.isLayerLinkedAnywhere(digest: Fixture.digest(1)), false, "nothing was linked")
    }

    static func deleteLayerUnlinksFromOneRepository(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("one", "two", in: store)
        let layer = LayerRecord(repository: "one", digest: Fixture.digest(10), size: 5, createdAt: Fixture.time)
        try store.putLayer(layer)
        try store.putLayer(LayerRecord(repository: "two", digest: Fixture.digest(10), size: 5, createdAt: Fixture.time))
        try store.putLayer(LayerRecord(repository: "one", digest: Fixture.digest(11), size: 7, createdAt: Fixture.time))
        try check.equal(try store.deleteLayer(repository: "one", digest: Fixture.digest(10)), true, "deleting a link")
        try check.equal(try store.layer(repository: "one", digest: Fixture.digest(10)), nil, "the link is gone")
        try check.equal(try store.layer(repository: "one", digest: Fixture.digest(11))?.size, 7, "another link of the repository stays")
        try check.equal(try store.layer(repository: "two", digest: Fixture.digest(10))?.repository, "two", "another repository's link stays")
        try check.equal(try store.isLayerLinkedAnywhere(digest: Fixture.digest(10)), true, "still linked elsewhere")
        try check.equal(try store.deleteLayer(repository: "one", digest: Fixture.digest(10)), false, "deleting it again")
        try check.equal(try store.deleteLayer(repository: "one", digest: Fixture.digest(12)), false, "a blob never linked")
        try check.equal(try store.deleteLayer(repository: "nope", digest: Fixture.digest(10)), false, "an unknown repository")
        try check.equal(try store.deleteLayer(repository: "two", digest: Fixture.digest(10)), true, "deleting the last link")
        try check.equal(try store.isLayerLinkedAnywhere(digest: Fixture.digest(10)), false, "linked nowhere")
        let relinked = LayerRecord(repository: "one", digest: Fixture.digest(10), size: 5, createdAt: Fixture.time + 9)
        try store.putLayer(relinked)
        try check.equal(try store.layer(repository: "one", digest: Fixture.digest(10)), relinked, "a new link after the delete is a new record")
    }

    static func deleteLayerKeepsImageBlobLinks(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        _ = try store.putImage(Fixture.image("app", 1, blobs: [10]), tag: "v1", tagIsImmutable: false)
        try store.putLayer(LayerRecord(repository: "app", digest: Fixture.digest(10), size: 5, createdAt: Fixture.time))
        try check.equal(try store.deleteLayer(repository: "app", digest: Fixture.digest(10)), true, "deleting the layer link")
        try check.equal(try store.isLayerLinkedAnywhere(digest: Fixture.digest(10)), false, "no layer link is left")
        try check.equal(try store.isBlobReferenced(repository: "app", digest: Fixture.digest(10)), true, "the image still references the blob")
        try check.equal(try store.image(repository: "app", tag: "v1")?.digest, Fixture.digest(1), "the image is untouched")
    }

    static func uploadRoundTrip(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        let upload = UploadRecord(
            id: "6f1c2a9e-0000-4000-8000-000000000001", repository: "app", kind: "oci", createdAt: Fixture.time, updatedAt: Fixture.time + 1,
            partCount: 3, bytesReceived: 15_728_640, lastPartSize: 5_242_880, hasUndersizedPart: true, hashState: Array(0...115)
        )
        try store.createUpload(upload)
        try check.equal(try store.upload(id: upload.id), upload, "upload read back")
        try check.equal(try store.upload(id: "other"), nil, "an unknown upload")
    }

    static func updateUploadReplacesProgress(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", "other", in: store)
        try store.createUpload(Fixture.upload("u", "app"))
        let progress = UploadRecord(
            id: "u", repository: "other", kind: "oci", createdAt: 1, updatedAt: Fixture.time + 60, partCount: 2, bytesReceived: 10_485_760,
            lastPartSize: 5, hasUndersizedPart: true, hashState: [1, 2, 3, 255]
        )
        try store.updateUpload(progress, expectingBytesReceived: 0)
        var expected = progress
        expected.repository = "app"
        expected.kind = "ecr"
        expected.createdAt = Fixture.time
        try check.equal(try store.upload(id: "u"), expected, "progress replaced, identity kept")
        try check.throwsError(.uploadNotFound("missing"), "update of an unknown upload") {
            try store.updateUpload(Fixture.upload("missing", "app"), expectingBytesReceived: 0)
        }
    }

    static func updateUploadIsCompareAndSet(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        try store.createUpload(Fixture.upload("u", "app"))
        var first = Fixture.upload("u", "app")
        first.bytesReceived = 100
        first.hashState = [1]
        try store.updateUpload(first, expectingBytesReceived: 0)
        var second = first
        second.bytesReceived = 150
        second.hashState = [2]
        try check.throwsError(.conflict("upload u no longer stands at byte 0"), "a second advance from the same offset loses") {
            try store.updateUpload(second, expectingBytesReceived: 0)
        }
        try check.equal(try store.upload(id: "u")?.hashState, [1], "the loser changed nothing")
        try store.updateUpload(second, expectingBytesReceived: 100)
        try check.equal(try store.upload(id: "u")?.bytesReceived, 150, "an advance from where it stands wins")
    }

    static func completeUploadLinksAndRemovesAtomically(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        try store.createUpload(Fixture.upload("u", "app"))
        let layer = LayerRecord(repository: "app", digest: Fixture.digest(10), size: 5, createdAt: Fixture.time)
        try store.completeUpload(id: "u", layer: layer)
        try check.equal(try store.upload(id: "u"), nil, "the upload is gone")
        try check.equal(try store.layer(repository: "app", digest: Fixture.digest(10)), layer, "the layer is linked")
        let other = LayerRecord(repository: "app", digest: Fixture.digest(11), size: 5, createdAt: Fixture.time)
        try check.throwsError(.uploadNotFound("u"), "completing it again") { try store.completeUpload(id: "u", layer: other) }
        try check.equal(try store.layer(repository: "app", digest: Fixture.digest(11)), nil, "a failed completion links nothing")
        try store.createUpload(Fixture.upload("v", "app"))
        try check.throwsError(.repositoryNotFound("gone"), "a layer of an unknown repository") {
            try store.completeUpload(id: "v", layer: LayerRecord(repository: "gone", digest: Fixture.digest(12), size: 1, createdAt: 0))
        }
        try check.equal(try store.upload(id: "v")?.id, "v", "a failed completion keeps the upload")
    }

    static func leasesExcludeOtherHolders(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try check.equal(try store.acquireLease("gc", holder: "a", until: 100, now: 0), true, "a free lease")
        try check.equal(try store.acquireLease("gc", holder: "b", until: 200, now: 50), false, "another holder's live lease")
        try check.equal(try store.acquireLease("gc", holder: "a", until: 150, now: 60), true, "the holder renews")
        try check.equal(try store.acquireLease("gc", holder: "b", until: 200, now: 149), false, "still live after the renewal")
        try check.equal(try store.acquireLease("other", holder: "b", until: 200, now: 0), true, "leases are per name")
        try check.equal(try store.acquireLease("gc", holder: "b", until: 300, now: 150), true, "an expired lease is taken over")
        try store.releaseLease("gc", holder: "a")
        try check.equal(try store.acquireLease("gc", holder: "a", until: 400, now: 160), false, "a release by a non-holder changes nothing")
        try store.releaseLease("gc", holder: "b")
        try check.equal(try store.acquireLease("gc", holder: "a", until: 400, now: 160), true, "free after its holder released it")
    }

    static func deleteUpload(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        try store.createUpload(Fixture.upload("u", "app"))
        try check.equal(try store.deleteUpload(id: "u"), true, "delete of an upload")
        try check.equal(try store.upload(id: "u"), nil, "after delete")
        try check.equal(try store.deleteUpload(id: "u"), false, "delete again")
    }

    static func listUploadsUpdatedBefore(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", "other", in: store)
        for (id, time) in [("c", 30.0), ("a", 10.0), ("b", 10.0), ("d", 40.0)] {
            try store.createUpload(Fixture.upload(id, id == "d" ? "other" : "app", updatedAt: time))
        }
        try check.equal(try store.listUploads(updatedBefore: 30).map(\.id), ["a", "b"], "strictly before, by time then id")
        try check.equal(try store.listUploads(updatedBefore: 100).map(\.id), ["a", "b", "c", "d"], "all")
        try check.equal(try store.listUploads(updatedBefore: 10).map(\.id), [], "none")
        try check.equal(try store.listUploads(updatedBefore: 35).last, Fixture.upload("c", "app", updatedAt: 30), "complete records")
    }

    static func uploadInUnknownRepository(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try check.throwsError(.repositoryNotFound("nope"), "upload in an unknown repository") { try store.createUpload(Fixture.upload("u", "nope")) }
        try check.equal(try store.upload(id: "u"), nil, "nothing was stored")
    }

    static func duplicateUploadFails(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        try store.createUpload(Fixture.upload("u", "app"))
        try check.throwsSomething("a second upload with the same id") { try store.createUpload(Fixture.upload("u", "app", updatedAt: 1)) }
        try check.equal(try store.upload(id: "u"), Fixture.upload("u", "app"), "the first upload is unchanged")
    }

    static func settings(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try check.equal(try store.setting("secret"), nil, "an unset setting")
        try store.setSetting("secret", value: "one")
        try check.equal(try store.setting("secret"), "one", "a set setting")
        try store.setSetting("secret", value: "two \"quoted\" é")
        try check.equal(try store.setting("secret"), "two \"quoted\" é", "a replaced setting")
        try store.setSetting("empty", value: "")
        try check.equal(try store.setting("empty"), "", "an empty value")
    }

    static func setSettingIfAbsentKeepsFirst(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try check.equal(try store.setSettingIfAbsent("key", value: "first"), "first", "the first value")
        try check.equal(try store.setSettingIfAbsent("key", value: "second"), "first", "a later value loses")
        try check.equal(try store.setting("key"), "first", "stored value")
        try store.setSetting("key", value: "replaced")
        try check.equal(try store.setSettingIfAbsent("key", value: "third"), "replaced", "after setSetting")
    }
}
