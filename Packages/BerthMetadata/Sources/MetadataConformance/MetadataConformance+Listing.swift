import BerthMetadata
import BerthModel

// Cases: listing and counting images.
extension MetadataConformance {
    /// Images 1...6 in "app": 1 tagged a,b; 2 untagged; 3 tagged c; 4 untagged; 5 tagged z; 6 tagged d,e,f.
    static func populate(_ store: any MetadataStore) throws {
        try Fixture.create("app", "other", in: store)
        let tags: [Int: [String]] = [1: ["b", "a"], 3: ["c"], 5: ["z"], 6: ["f", "d", "e"]]
        for number in [4, 2, 6, 1, 3, 5] {
            _ = try store.putImage(Fixture.image("app", number), tag: nil, tagIsImmutable: false)
            for tag in tags[number] ?? [] { _ = try store.putImage(Fixture.image("app", number), tag: tag, tagIsImmutable: false) }
        }
        _ = try store.putImage(Fixture.image("other", 7), tag: "a", tagIsImmutable: false)
    }

    static func listImagesOrderPagingAndFilters(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try populate(store)
        let d = Fixture.digest
        func list(_ status: TagStatusFilter, after: Int? = nil, limit: Int = 100) throws -> [String] {
            try store.listImages(repository: "app", tagStatus: status, after: after.map(d), limit: limit).map(\.digest)
        }
        try check.equal(try list(.any), [1, 2, 3, 4, 5, 6].map(d), "all images, by digest")
        try check.equal(try list(.tagged), [1, 3, 5, 6].map(d), "tagged images")
        try check.equal(try list(.untagged), [2, 4].map(d), "untagged images")
        try check.equal(try list(.any, limit: 2), [1, 2].map(d), "first page")
        try check.equal(try list(.any, after: 2, limit: 2), [3, 4].map(d), "second page")
        try check.equal(try list(.tagged, after: 3, limit: 1), [d(5)], "tagged page after a cursor")
        try check.equal(try list(.untagged, after: 2), [d(4)], "untagged page after a cursor")
        try check.equal(try list(.any, after: 6), [], "after the last")
        try check.equal(try list(.any, limit: 0), [], "limit 0")
        let first = try store.listImages(repository: "app", tagStatus: .any, after: nil, limit: 1).first
        try check.equal(first, Fixture.stored(Fixture.image("app", 1), tags: ["a", "b"]), "records carry their sorted tags")
        let sixth = try store.listImages(repository: "app", tagStatus: .tagged, after: d(5), limit: 1).first
        try check.equal(sixth?.tags, ["d", "e", "f"], "tags of a listed image")
    }

    static func listImageIDsOrderPagingAndFilters(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try populate(store)
        let d = Fixture.digest
        let all: [ImageIDRecord] = [
            .init(digest: d(1), tag: "a"), .init(digest: d(1), tag: "b"), .init(digest: d(2), tag: nil), .init(digest: d(3), tag: "c"),
            .init(digest: d(4), tag: nil), .init(digest: d(5), tag: "z"), .init(digest: d(6), tag: "d"), .init(digest: d(6), tag: "e"),
            .init(digest: d(6), tag: "f"),
        ]
        func list(_ status: TagStatusFilter, after: ImageIDRecord? = nil, limit: Int = 100) throws -> [ImageIDRecord] {
            try store.listImageIDs(repository: "app", tagStatus: status, after: after, limit: limit)
        }
        try check.equal(try list(.any), all, "all pairs, by digest then tag")
        try check.equal(try list(.tagged), all.filter { $0.tag != nil }, "tagged pairs")
        try check.equal(try list(.untagged), all.filter { $0.tag == nil }, "untagged pairs")
        try check.equal(try list(.any, limit: 1), [all[0]], "first page")
        try check.equal(try list(.any, after: all[0], limit: 2), Array(all[1...2]), "a cursor inside an image's tags")
        try check.equal(try list(.any, after: all[2], limit: 2), Array(all[3...4]), "a cursor at an untagged image")
        try check.equal(try list(.any, after: all[6], limit: 5), Array(all[7...]), "a cursor in the last image")
        try check.equal(try list(.tagged, after: all[1], limit: 2), [all[3], all[5]], "tagged page skips untagged images")
        try check.equal(try list(.untagged, after: all[2], limit: 2), [all[4]], "untagged page")
        try check.equal(try list(.any, after: ImageIDRecord(digest: d(1), tag: "aa"), limit: 1), [all[1]], "a cursor that is not stored")
        try check.equal(try list(.any, after: ImageIDRecord(digest: d(1), tag: nil), limit: 1), [all[0]], "a nil-tag cursor on a tagged image")
        try check.equal(try list(.any, after: all[8]), [], "after the last")
        try check.equal(try list(.any, limit: 0), [], "limit 0")
    }

    static func listTagsByteOrderAndPaging(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", "other", in: store)
        let tags = ["v1.9", "latest", "a_b", "Latest", "v1.10", "z", "a.b", "1.0", "a-b", "V2"]
        for (index, tag) in tags.enumerated() {
            _ = try store.putImage(Fixture.image("app", index % 3 + 1), tag: tag, tagIsImmutable: false)
        }
        _ = try store.putImage(Fixture.image("app", 9), tag: nil, tagIsImmutable: false)
        _ = try store.putImage(Fixture.image("other", 1), tag: "b", tagIsImmutable: false)
        // Byte order: '-' 0x2D < '.' 0x2E < digits < upper case < '_' 0x5F < lower case; "v1.10" < "v1.9".
        let sorted = ["1.0", "Latest", "V2", "a-b", "a.b", "a_b", "latest", "v1.10", "v1.9", "z"]
        func list(after: String? = nil, limit: Int = 100) throws -> [String] {
            try store.listTags(repository: "app", after: after, limit: limit)
        }
        try check.equal(try list(), sorted, "all tags, byte-wise, one per tag, untagged images add none")
        try check.equal(try list(limit: 3), Array(sorted[0..<3]), "first page")
        try check.equal(try list(after: sorted[2], limit: 3), Array(sorted[3..<6]), "second page")
        try check.equal(try list(after: sorted[8], limit: 3), [sorted[9]], "last page")
        try check.equal(try list(after: "z"), [], "after the last")
        try check.equal(try list(after: "a"), ["a-b", "a.b", "a_b", "latest", "v1.10", "v1.9", "z"], "after a tag that is not stored")
        try check.equal(try list(after: "Z"), ["a-b", "a.b", "a_b", "latest", "v1.10", "v1.9", "z"], "upper case sorts before lower case")
        try check.equal(try list(after: ""), sorted, "an empty cursor")
        try check.equal(try list(limit: 0), [], "limit 0")
        try check.equal(try list(limit: -1), [], "a negative limit")
        try check.equal(try store.listTags(repository: "other", after: nil, limit: 10), ["b"], "scoped to the repository")
        try check.equal(try store.listTags(repository: "nope", after: nil, limit: 10), [], "an unknown repository")
    }

    static func listTagsFollowsTagChanges(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        _ = try store.putImage(Fixture.image("app", 1), tag: "v1", tagIsImmutable: false)
        _ = try store.putImage(Fixture.image("app", 1), tag: "latest", tagIsImmutable: false)
        _ = try store.putImage(Fixture.image("app", 2), tag: "v2", tagIsImmutable: false)
        _ = try store.putImage(Fixture.image("app", 2), tag: "latest", tagIsImmutable: false)
        try check.equal(try store.listTags(repository: "app", after: nil, limit: 10), ["latest", "v1", "v2"], "a moved tag lists once")
        _ = try store.removeTag(repository: "app", tag: "v1", deleteUntaggedImage: false)
        try check.equal(try store.listTags(repository: "app", after: nil, limit: 10), ["latest", "v2"], "a removed tag is gone")
        _ = try store.deleteImage(repository: "app", digest: Fixture.digest(2))
        try check.equal(try store.listTags(repository: "app", after: nil, limit: 10), [], "a deleted image's tags are gone")
    }

    static func imageCount(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try populate(store)
        try check.equal(try store.imageCount(repository: "app"), 6, "images in app")
        try check.equal(try store.imageCount(repository: "other"), 1, "images in other")
        _ = try store.deleteImage(repository: "app", digest: Fixture.digest(2))
        try check.equal(try store.imageCount(repository: "app"), 5, "after a delete")
    }

    static func queriesOnUnknownRepositoryFindNothing(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try populate(store)
        try check.equal(try store.imageCount(repository: "nope"), 0, "count")
        try check.equal(try store.listImages(repository: "nope", tagStatus: .any, after: nil, limit: 10), [], "listImages")
        try check.equal(try store.listImageIDs(repository: "nope", tagStatus: .any, after: nil, limit: 10), [], "listImageIDs")
        try check.equal(try store.image(repository: "nope", digest: Fixture.digest(1)), nil, "image by digest")
        try check.equal(try store.image(repository: "nope", tag: "a"), nil, "image by tag")
        try check.equal(try store.deleteImage(repository: "nope", digest: Fixture.digest(1)), nil, "deleteImage")
        try check.removal(try store.removeTag(repository: "nope", tag: "a", deleteUntaggedImage: true), nil, "removeTag")
        try check.equal(try store.manifestsReferencing(repository: "nope", digest: Fixture.digest(1)), [], "manifestsReferencing")
        try check.equal(try store.referrers(repository: "nope", subject: Fixture.digest(1)), [], "referrers")
        try check.equal(try store.isBlobReferenced(repository: "nope", digest: Fixture.digest(1)), false, "isBlobReferenced")
        try check.equal(try store.layer(repository: "nope", digest: Fixture.digest(1)), nil, "layer")
        try check.equal(try store.listTags(repository: "nope", after: nil, limit: 10), [], "listTags")
        try check.equal(try store.deleteLayer(repository: "nope", digest: Fixture.digest(1)), false, "deleteLayer")
    }
}
