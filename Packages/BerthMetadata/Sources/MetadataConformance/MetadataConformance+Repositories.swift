import BerthMetadata
import BerthModel

// Cases: repositories.
extension MetadataConformance {
    static func repositoryRoundTrip(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        let full = RepositoryRecord(
            name: "team/app-1", createdAt: 1_700_000_123.5, imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
            tagMutabilityExclusionFilters: ["latest", "dev-*"], scanOnPush: true, encryptionType: "KMS", kmsKey: "arn:aws:kms:key/1",
            policyText: "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"é \\\"q\\\"\"}]}",
            resourceTags: [ResourceTag(key: "b", value: "2"), ResourceTag(key: "a", value: "1 \"quoted\"")]
        )
        try store.createRepository(full)
        try check.equal(try store.repository(named: full.name), full, "repository read back")
        try store.createRepository(Fixture.repository("plain"))
        try check.equal(try store.repository(named: "plain"), Fixture.repository("plain"), "repository with defaults")
    }

    static func duplicateRepositoryFails(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("dup", in: store)
        var other = Fixture.repository("dup")
        other.scanOnPush = true
        try check.throwsError(.repositoryAlreadyExists("dup"), "second create") { try store.createRepository(other) }
        try check.equal(try store.repository(named: "dup"), Fixture.repository("dup"), "the first repository is unchanged")
    }

    static func unknownRepository(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try check.equal(try store.repository(named: "nope"), nil, "read of an unknown repository")
        try check.throwsError(.repositoryNotFound("nope"), "update") { try store.updateRepository(Fixture.repository("nope")) }
        try check.throwsError(.repositoryNotFound("nope"), "delete") { _ = try store.deleteRepository(named: "nope", force: false) }
        try check.throwsError(.repositoryNotFound("nope"), "forced delete") { _ = try store.deleteRepository(named: "nope", force: true) }
    }

    static func updateRepositoryReplacesSettings(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        let updated = RepositoryRecord(
            name: "app", createdAt: 5, imageTagMutability: "IMMUTABLE", tagMutabilityExclusionFilters: ["x*"], scanOnPush: true,
            encryptionType: "KMS", kmsKey: "k", policyText: "{}", resourceTags: [ResourceTag(key: "k", value: "v")]
        )
        try store.updateRepository(updated)
        var expected = updated
        expected.createdAt = Fixture.time
        try check.equal(try store.repository(named: "app"), expected, "settings after update (createdAt kept)")
        try store.updateRepository(Fixture.repository("app"))
        try check.equal(try store.repository(named: "app"), Fixture.repository("app"), "settings cleared again")
    }

    static func listRepositoriesOrderAndPaging(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        let names = ["b", "a/z", "a", "a-b", "a.b", "ab", "c/d/e", "a_b"]
        for name in names { try store.createRepository(Fixture.repository(name)) }
        let sorted = names.sorted()
        try check.equal(try store.listRepositories(after: nil, limit: 100).map(\.name), sorted, "all repositories, sorted")
        try check.equal(try store.listRepositories(after: nil, limit: 3).map(\.name), Array(sorted.prefix(3)), "first page")
        try check.equal(try store.listRepositories(after: sorted[2], limit: 3).map(\.name), Array(sorted[3..<6]), "second page")
        try check.equal(try store.listRepositories(after: sorted[5], limit: 3).map(\.name), Array(sorted[6...]), "last page")
        try check.equal(try store.listRepositories(after: "zzz", limit: 3).map(\.name), [], "after the end")
        try check.equal(try store.listRepositories(after: "a0", limit: 2).map(\.name), ["a_b", "ab"], "after a name that is not stored")
        try check.equal(try store.listRepositories(after: nil, limit: 0).map(\.name), [], "limit 0")
        try check.equal(try store.listRepositories(after: nil, limit: 1).first, Fixture.repository(sorted[0]), "records are complete")
    }

    static func repositoryCount(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try check.equal(try store.repositoryCount(), 0, "an empty store")
        try Fixture.create("a", "b/c", "d", in: store)
        _ = try store.putImage(Fixture.image("d", 1), tag: "v1", tagIsImmutable: false)
        try check.equal(try store.repositoryCount(), 3, "after three creates")
        try check.throwsError(.repositoryAlreadyExists("a"), "a duplicate create") { try store.createRepository(Fixture.repository("a")) }
        try check.equal(try store.repositoryCount(), 3, "a duplicate does not count")
        _ = try store.deleteRepository(named: "d", force: true)
        _ = try store.deleteRepository(named: "a", force: false)
        try check.equal(try store.repositoryCount(), 1, "after two deletes")
    }

    static func deleteEmptyRepository(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("gone", "kept", in: store)
        try store.putLayer(LayerRecord(repository: "gone", digest: Fixture.digest(1), size: 10, createdAt: Fixture.time))
        try store.createUpload(Fixture.upload("u2", "gone"))
        try store.createUpload(Fixture.upload("u1", "gone"))
        try store.createUpload(Fixture.upload("u3", "kept"))
        let deletion = try store.deleteRepository(named: "gone", force: false)
        try check.equal(deletion, RepositoryDeletion(repository: Fixture.repository("gone"), imageCount: 0, uploadIDs: ["u1", "u2"]), "deletion")
        try check.equal(try store.repository(named: "gone"), nil, "repository after delete")
        try check.equal(try store.upload(id: "u1"), nil, "its upload after delete")
        try check.equal(try store.upload(id: "u3"), Fixture.upload("u3", "kept"), "another repository's upload")
        try check.equal(try store.isLayerLinkedAnywhere(digest: Fixture.digest(1)), false, "its layer link after delete")
        try check.equal(try store.listRepositories(after: nil, limit: 10).map(\.name), ["kept"], "listing after delete")
    }

    static func deleteNonEmptyRepositoryNeedsForce(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("full", in: store)
        _ = try store.putImage(Fixture.image("full", 1), tag: nil, tagIsImmutable: false)
        try check.throwsError(.repositoryNotEmpty("full"), "delete without force") { _ = try store.deleteRepository(named: "full", force: false) }
        try check.equal(try store.imageCount(repository: "full"), 1, "images after the refused delete")
        try check.equal(try store.repository(named: "full"), Fixture.repository("full"), "repository after the refused delete")
    }

    static func forcedDeleteCascades(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("full", "other", in: store)
        _ = try store.putImage(Fixture.image("full", 1, blobs: [10]), tag: "v1", tagIsImmutable: false)
        _ = try store.putImage(Fixture.image("full", 2, children: [1]), tag: "v2", tagIsImmutable: false)
        _ = try store.putImage(Fixture.image("other", 1, blobs: [10]), tag: "v1", tagIsImmutable: false)
        try store.putLayer(LayerRecord(repository: "full", digest: Fixture.digest(10), size: 1, createdAt: Fixture.time))
        try store.putLayer(LayerRecord(repository: "full", digest: Fixture.digest(11), size: 1, createdAt: Fixture.time))
        try store.createUpload(Fixture.upload("up", "full"))
        let deletion = try store.deleteRepository(named: "full", force: true)
        try check.equal(deletion, RepositoryDeletion(repository: Fixture.repository("full"), imageCount: 2, uploadIDs: ["up"]), "forced deletion")
        try check.equal(try store.isLayerLinkedAnywhere(digest: Fixture.digest(11)), false, "layer link after forced delete")
        try check.equal(try store.upload(id: "up"), nil, "upload after forced delete")
        try check.equal(try store.image(repository: "other", tag: "v1"), Fixture.stored(Fixture.image("other", 1), tags: ["v1"]), "other repository")
        try store.createRepository(Fixture.repository("full"))
        try check.equal(try store.imageCount(repository: "full"), 0, "a recreated repository is empty")
        try check.equal(try store.image(repository: "full", tag: "v1"), nil, "tags do not come back")
        try check.equal(try store.isBlobReferenced(repository: "full", digest: Fixture.digest(10)), false, "blob links do not come back")
        try check.equal(try store.manifestsReferencing(repository: "full", digest: Fixture.digest(1)), [], "child links do not come back")
        try check.equal(try store.layer(repository: "full", digest: Fixture.digest(10)), nil, "layer links do not come back")
    }
}
