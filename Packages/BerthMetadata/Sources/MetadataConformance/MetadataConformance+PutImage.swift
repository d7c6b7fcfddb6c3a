import BerthMetadata
import BerthModel

// Cases: putImage and its tag rules.
extension MetadataConformance {
    static func putNewImageWithTag(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        let image = Fixture.image("app", 1)
        try check.equal(try store.putImage(image, tag: "v1", tagIsImmutable: false), .created, "new image with a tag")
        try check.equal(try store.image(repository: "app", digest: Fixture.digest(1)), Fixture.stored(image, tags: ["v1"]), "image by digest")
        try check.equal(try store.image(repository: "app", tag: "v1"), Fixture.stored(image, tags: ["v1"]), "image by tag")
        try check.equal(try store.image(repository: "app", tag: "v2"), nil, "image by another tag")
        try check.equal(try store.image(repository: "app", digest: Fixture.digest(2)), nil, "image by another digest")
    }

    static func putNewImageWithoutTag(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        let image = Fixture.image("app", 1)
        try check.equal(try store.putImage(image, tag: nil, tagIsImmutable: false), .created, "new image without a tag")
        try check.equal(try store.image(repository: "app", digest: Fixture.digest(1)), Fixture.stored(image), "untagged image")
        try check.equal(try store.putImage(image, tag: nil, tagIsImmutable: false), .alreadyExists, "same image again without a tag")
        try check.equal(try store.putImage(image, tag: nil, tagIsImmutable: true), .alreadyExists, "same image again, immutable flag")
    }

    static func putSameImageAndTagAgain(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        let image = Fixture.image("app", 1)
        _ = try store.putImage(image, tag: "v1", tagIsImmutable: false)
        try check.equal(try store.putImage(image, tag: "v1", tagIsImmutable: false), .alreadyExists, "same image and tag again")
        try check.equal(try store.putImage(image, tag: "v1", tagIsImmutable: true), .alreadyExists, "same image and immutable tag again")
        try check.equal(try store.putImage(image, tag: nil, tagIsImmutable: false), .alreadyExists, "tagged image again without a tag")
        try check.equal(try store.image(repository: "app", tag: "v1"), Fixture.stored(image, tags: ["v1"]), "image after the repeats")
    }

    static func putExistingImageWithNewTag(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        let image = Fixture.image("app", 1)
        _ = try store.putImage(image, tag: "v1", tagIsImmutable: false)
        try check.equal(
            try store.putImage(image, tag: "latest", tagIsImmutable: true), .tagged(previousDigest: nil), "a free tag on an existing image")
        try check.equal(try store.putImage(image, tag: "a", tagIsImmutable: false), .tagged(previousDigest: nil), "another free tag")
        try check.equal(try store.image(repository: "app", digest: Fixture.digest(1))?.tags, ["a", "latest", "v1"], "tags, sorted")
    }

    static func moveTagToExistingImage(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        let first = Fixture.image("app", 1)
        let second = Fixture.image("app", 2)
        _ = try store.putImage(first, tag: "latest", tagIsImmutable: false)
        _ = try store.putImage(second, tag: nil, tagIsImmutable: false)
        try check.equal(
            try store.putImage(second, tag: "latest", tagIsImmutable: false), .tagged(previousDigest: Fixture.digest(1)), "moving a tag"
        )
        try check.equal(try store.image(repository: "app", tag: "latest"), Fixture.stored(second, tags: ["latest"]), "the tag's new image")
        try check.equal(try store.image(repository: "app", digest: Fixture.digest(1)), Fixture.stored(first), "the old image stays, untagged")
    }

    static func moveTagWithNewImage(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        let first = Fixture.image("app", 1)
        let second = Fixture.image("app", 2)
        _ = try store.putImage(first, tag: "latest", tagIsImmutable: false)
        _ = try store.putImage(first, tag: "v1", tagIsImmutable: false)
        try check.equal(try store.putImage(second, tag: "latest", tagIsImmutable: false), .created, "a new image taking a mutable tag")
        try check.equal(try store.image(repository: "app", tag: "latest"), Fixture.stored(second, tags: ["latest"]), "the tag's new image")
        try check.equal(try store.image(repository: "app", digest: Fixture.digest(1)), Fixture.stored(first, tags: ["v1"]), "the old image")
        try check.equal(try store.imageCount(repository: "app"), 2, "both images are stored")
    }

    static func immutableTagOnExistingImage(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        let first = Fixture.image("app", 1)
        let second = Fixture.image("app", 2)
        _ = try store.putImage(first, tag: "v1", tagIsImmutable: true)
        _ = try store.putImage(second, tag: nil, tagIsImmutable: true)
        try check.equal(
            try store.putImage(second, tag: "v1", tagIsImmutable: true), .tagImmutable(existingDigest: Fixture.digest(1)), "moving an immutable tag"
        )
        try check.equal(try store.image(repository: "app", tag: "v1"), Fixture.stored(first, tags: ["v1"]), "the tag did not move")
        try check.equal(try store.image(repository: "app", digest: Fixture.digest(2)), Fixture.stored(second), "the other image is unchanged")
    }

    static func immutableTagWithNewImageStoresNothing(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        let first = Fixture.image("app", 1)
        _ = try store.putImage(first, tag: "v1", tagIsImmutable: false)
        let second = Fixture.image("app", 2, blobs: [20], children: [1], subject: 1)
        try check.equal(
            try store.putImage(second, tag: "v1", tagIsImmutable: true), .tagImmutable(existingDigest: Fixture.digest(1)), "new image, immutable tag"
        )
        try check.equal(try store.image(repository: "app", digest: Fixture.digest(2)), nil, "the new image was not stored")
        try check.equal(try store.imageCount(repository: "app"), 1, "image count")
        try check.equal(try store.isBlobReferenced(repository: "app", digest: Fixture.digest(20)), false, "its blob links were not stored")
        try check.equal(try store.manifestsReferencing(repository: "app", digest: Fixture.digest(1)), [], "its child links were not stored")
        try check.equal(try store.referrers(repository: "app", subject: Fixture.digest(1)), [], "it is no referrer")
        try check.equal(try store.image(repository: "app", tag: "v1"), Fixture.stored(first, tags: ["v1"]), "the tag did not move")
    }

    static func immutableFlagWithFreeOrOwnTag(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        let image = Fixture.image("app", 1)
        try check.equal(try store.putImage(image, tag: "v1", tagIsImmutable: true), .created, "a new image with a free immutable tag")
        try check.equal(try store.putImage(image, tag: "v1", tagIsImmutable: true), .alreadyExists, "the same image and tag")
        try check.equal(try store.image(repository: "app", tag: "v1")?.digest, Fixture.digest(1), "tag")
    }

    static func putImageInUnknownRepository(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try check.throwsError(.repositoryNotFound("nope"), "putImage in an unknown repository") {
            _ = try store.putImage(Fixture.image("nope", 1), tag: "v1", tagIsImmutable: false)
        }
        try check.throwsError(.repositoryNotFound("nope"), "untagged putImage in an unknown repository") {
            _ = try store.putImage(Fixture.image("nope", 1), tag: nil, tagIsImmutable: false)
        }
    }

    static func imageFieldsRoundTrip(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        var bytes: [UInt8] = Array(0...255)
        bytes += Array("{\"a\": \"é\" }\n".utf8) + [0, 0, 255]
        let record = ImageRecord(
            repository: "app", digest: Fixture.digest(77), manifest: bytes, mediaType: "application/vnd.docker.distribution.manifest.v2+json",
            artifactType: "application/vnd.example+type", subjectDigest: Fixture.digest(1), sizeInBytes: 52_000 * 1_048_576,
            pushedAt: 1_712_345_678.123_456, lastPulledAt: 99, tags: ["ignored"]
        )
        try check.equal(try store.putImage(NewImage(image: record), tag: nil, tagIsImmutable: false), .created, "put")
        var expected = record
        expected.tags = []
        expected.lastPulledAt = nil
        try check.equal(
            try store.image(repository: "app", digest: Fixture.digest(77)), expected, "every field, bytes exact (tags and pull time ignored)")
        let empty = NewImage(
            image: ImageRecord(repository: "app", digest: Fixture.digest(78), manifest: [], mediaType: "m", sizeInBytes: 0, pushedAt: 0))
        _ = try store.putImage(empty, tag: "empty", tagIsImmutable: false)
        try check.equal(try store.image(repository: "app", tag: "empty"), Fixture.stored(empty, tags: ["empty"]), "an empty manifest")
    }

    /// The fence a concurrent layer delete (and later GC) relies on: a new image that requires its references is
    /// committed only if the repository links every blob and holds every child in the same transaction.
    static func putImageRequiresReferences(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        var image = Fixture.image("app", 1, blobs: [10, 11, 10])
        image.requiresReferences = true
        try check.throwsError(.referencesMissing(blobs: [Fixture.digest(10), Fixture.digest(11)], manifests: []), "no layers linked") {
            _ = try store.putImage(image, tag: "v1", tagIsImmutable: false)
        }
        try check.equal(try store.image(repository: "app", digest: Fixture.digest(1)), nil, "nothing stored")
        try check.equal(try store.image(repository: "app", tag: "v1"), nil, "no tag")
        try store.putLayer(LayerRecord(repository: "app", digest: Fixture.digest(10), size: 1, createdAt: Fixture.time))
        try check.throwsError(.referencesMissing(blobs: [Fixture.digest(11)], manifests: []), "one layer missing") {
            _ = try store.putImage(image, tag: "v1", tagIsImmutable: false)
        }
        try store.putLayer(LayerRecord(repository: "app", digest: Fixture.digest(11), size: 1, createdAt: Fixture.time))
        try check.equal(try store.putImage(image, tag: "v1", tagIsImmutable: false), .created, "all linked")
        var index = Fixture.image("app", 2, children: [1, 5])
        index.requiresReferences = true
        try check.throwsError(.referencesMissing(blobs: [], manifests: [Fixture.digest(5)]), "a child missing") {
            _ = try store.putImage(index, tag: nil, tagIsImmutable: false)
        }
        _ = try store.deleteLayer(repository: "app", digest: Fixture.digest(11))
        try check.equal(try store.putImage(image, tag: "again", tagIsImmutable: false), .tagged(previousDigest: nil), "tagging a stored image")
    }

    static func imagesAreScopedToRepository(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("one", "two", in: store)
        try check.equal(try store.putImage(Fixture.image("one", 1), tag: "v1", tagIsImmutable: true), .created, "first repository")
        try check.equal(try store.putImage(Fixture.image("two", 1), tag: "v1", tagIsImmutable: true), .created, "same digest and tag elsewhere")
        try check.equal(try store.putImage(Fixture.image("two", 2), tag: "v2", tagIsImmutable: false), .created, "another image")
        try check.equal(try store.image(repository: "one", tag: "v2"), nil, "tags do not leak between repositories")
        try check.equal(try store.image(repository: "one", digest: Fixture.digest(2)), nil, "images do not leak between repositories")
        try check.equal(try store.image(repository: "two", digest: Fixture.digest(1))?.repository, "two", "repository field")
        _ = try store.deleteImage(repository: "one", digest: Fixture.digest(1))
        try check.equal(try store.image(repository: "two", tag: "v1"), Fixture.stored(Fixture.image("two", 1), tags: ["v1"]), "delete is scoped")
    }

    static func recordPull(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        let image = Fixture.image("app", 1)
        _ = try store.putImage(image, tag: "v1", tagIsImmutable: false)
        try store.recordPull(repository: "app", digest: Fixture.digest(1), at: 1_800_000_000.5)
        try check.equal(
            try store.image(repository: "app", tag: "v1"), Fixture.stored(image, tags: ["v1"], lastPulledAt: 1_800_000_000.5), "pull time"
        )
        try store.recordPull(repository: "app", digest: Fixture.digest(1), at: 1_800_000_100)
        try check.equal(try store.image(repository: "app", tag: "v1")?.lastPulledAt, 1_800_000_100, "a later pull")
        try store.recordPull(repository: "app", digest: Fixture.digest(9), at: 1)
        try store.recordPull(repository: "nope", digest: Fixture.digest(1), at: 1)
        try check.equal(try store.imageCount(repository: "app"), 1, "pulls of unknown images change nothing")
    }
}
