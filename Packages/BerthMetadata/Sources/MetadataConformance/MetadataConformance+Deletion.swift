import BerthMetadata
import BerthModel

// Cases: deleting images, removing tags, references between images and blobs.
extension MetadataConformance {
    static func deleteImageRemovesTagsAndLinks(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        _ = try store.putImage(Fixture.image("app", 1, blobs: [10, 11]), tag: "v1", tagIsImmutable: false)
        _ = try store.putImage(Fixture.image("app", 1), tag: "latest", tagIsImmutable: false)
        _ = try store.putImage(Fixture.image("app", 2, children: [1, 3]), tag: "index", tagIsImmutable: false)
        _ = try store.putImage(Fixture.image("app", 3, blobs: [11]), tag: nil, tagIsImmutable: false)
        try check.equal(try store.deleteImage(repository: "app", digest: Fixture.digest(1)), ["latest", "v1"], "tags of the deleted image")
        try check.equal(try store.image(repository: "app", digest: Fixture.digest(1)), nil, "image after delete")
        try check.equal(try store.image(repository: "app", tag: "v1"), nil, "its tag after delete")
        try check.equal(try store.isBlobReferenced(repository: "app", digest: Fixture.digest(10)), false, "its only-own blob link")
        try check.equal(try store.isBlobReferenced(repository: "app", digest: Fixture.digest(11)), true, "a blob another image references")
        try check.equal(try store.manifestsReferencing(repository: "app", digest: Fixture.digest(1)), [Fixture.digest(2)], "the index is untouched")
        try check.equal(try store.deleteImage(repository: "app", digest: Fixture.digest(2)), ["index"], "deleting the index")
        try check.equal(try store.manifestsReferencing(repository: "app", digest: Fixture.digest(3)), [], "the index's child links are gone")
        try check.equal(try store.deleteImage(repository: "app", digest: Fixture.digest(3)), [], "an untagged image")
        try check.equal(try store.deleteImage(repository: "app", digest: Fixture.digest(3)), nil, "an image deleted twice")
        try check.equal(try store.putImage(Fixture.image("app", 1), tag: "v1", tagIsImmutable: true), .created, "the digest can be pushed again")
    }

    static func removeTagKeepsImageWithOtherTags(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        _ = try store.putImage(Fixture.image("app", 1), tag: "v1", tagIsImmutable: false)
        _ = try store.putImage(Fixture.image("app", 1), tag: "latest", tagIsImmutable: false)
        try check.removal(try store.removeTag(repository: "app", tag: "v1", deleteUntaggedImage: true), (Fixture.digest(1), false), "removeTag")
        try check.equal(try store.image(repository: "app", tag: "v1"), nil, "the removed tag")
        try check.equal(try store.image(repository: "app", digest: Fixture.digest(1))?.tags, ["latest"], "the remaining tag")
    }

    static func removeLastTagDeletesImageWhenAsked(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        _ = try store.putImage(Fixture.image("app", 1, blobs: [10]), tag: "v1", tagIsImmutable: false)
        try check.removal(try store.removeTag(repository: "app", tag: "v1", deleteUntaggedImage: true), (Fixture.digest(1), true), "removeTag")
        try check.equal(try store.image(repository: "app", digest: Fixture.digest(1)), nil, "the image is deleted")
        try check.equal(try store.isBlobReferenced(repository: "app", digest: Fixture.digest(10)), false, "with its blob links")
        try check.equal(try store.imageCount(repository: "app"), 0, "count")
    }

    static func removeLastTagLeavesImageUntagged(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        _ = try store.putImage(Fixture.image("app", 1), tag: "v1", tagIsImmutable: false)
        try check.removal(try store.removeTag(repository: "app", tag: "v1", deleteUntaggedImage: false), (Fixture.digest(1), false), "removeTag")
        try check.equal(try store.image(repository: "app", digest: Fixture.digest(1)), Fixture.stored(Fixture.image("app", 1)), "untagged image")
        let untagged = try store.listImages(repository: "app", tagStatus: .untagged, after: nil, limit: 10).map(\.digest)
        try check.equal(untagged, [Fixture.digest(1)], "it lists as untagged")
    }

    static func removeUnknownTag(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        _ = try store.putImage(Fixture.image("app", 1), tag: nil, tagIsImmutable: false)
        try check.removal(try store.removeTag(repository: "app", tag: "v1", deleteUntaggedImage: true), nil, "an unknown tag")
        try check.equal(try store.imageCount(repository: "app"), 1, "the untagged image is not touched")
    }

    static func manifestsReferencing(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", "other", in: store)
        _ = try store.putImage(Fixture.image("app", 9, children: [1, 2]), tag: nil, tagIsImmutable: false)
        _ = try store.putImage(Fixture.image("app", 8, children: [1, 1]), tag: nil, tagIsImmutable: false)
        _ = try store.putImage(Fixture.image("other", 7, children: [1]), tag: nil, tagIsImmutable: false)
        try check.equal(try store.manifestsReferencing(repository: "app", digest: Fixture.digest(1)), [8, 9].map(Fixture.digest), "parents, sorted")
        try check.equal(try store.manifestsReferencing(repository: "app", digest: Fixture.digest(2)), [Fixture.digest(9)], "one parent")
        try check.equal(try store.manifestsReferencing(repository: "app", digest: Fixture.digest(3)), [], "no parent")
        try check.equal(try store.manifestsReferencing(repository: "other", digest: Fixture.digest(2)), [], "scoped to the repository")
    }

    static func referrers(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", "other", in: store)
        let subject = Fixture.image("app", 1)
        let signature = Fixture.image("app", 5, subject: 1, artifactType: "application/vnd.dev.cosign")
        let sbom = Fixture.image("app", 3, subject: 1, artifactType: "application/spdx+json")
        _ = try store.putImage(subject, tag: "v1", tagIsImmutable: false)
        _ = try store.putImage(signature, tag: "sig", tagIsImmutable: false)
        _ = try store.putImage(sbom, tag: nil, tagIsImmutable: false)
        _ = try store.putImage(Fixture.image("other", 4, subject: 1), tag: nil, tagIsImmutable: false)
        let expected = [Fixture.stored(sbom), Fixture.stored(signature, tags: ["sig"])]
        try check.equal(try store.referrers(repository: "app", subject: Fixture.digest(1)), expected, "referrers, sorted, with tags")
        try check.equal(try store.referrers(repository: "app", subject: Fixture.digest(5)), [], "an image without referrers")
        try check.equal(try store.referrers(repository: "other", subject: Fixture.digest(1)).map(\.digest), [Fixture.digest(4)], "scoped")
    }

    static func isBlobReferenced(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", "other", in: store)
        _ = try store.putImage(Fixture.image("app", 1, blobs: [10, 11, 10]), tag: nil, tagIsImmutable: false)
        _ = try store.putImage(Fixture.image("other", 2, blobs: [12]), tag: nil, tagIsImmutable: false)
        try check.equal(try store.isBlobReferenced(repository: "app", digest: Fixture.digest(10)), true, "a config or layer blob")
        try check.equal(try store.isBlobReferenced(repository: "app", digest: Fixture.digest(11)), true, "another blob")
        try check.equal(try store.isBlobReferenced(repository: "app", digest: Fixture.digest(12)), false, "another repository's blob")
        try check.equal(try store.isBlobReferenced(repository: "app", digest: Fixture.digest(1)), false, "an image digest is no blob link")
    }
}
