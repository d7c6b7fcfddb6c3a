import BerthMetadata
import BerthModel

// Cases: registry documents, repository documents, image storage status.
extension MetadataConformance {
    static func registryDocumentsRoundTrip(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try check.equal(try store.registryDocument(kind: "policy", key: ""), nil, "absent document")
        try store.putRegistryDocument(kind: "policy", key: "", value: "one")
        try check.equal(try store.registryDocument(kind: "policy", key: ""), "one", "stored document")
        try store.putRegistryDocument(kind: "policy", key: "", value: "two")
        try check.equal(try store.registryDocument(kind: "policy", key: ""), "two", "replaced document")
        try check.equal(try store.insertRegistryDocument(kind: "policy", key: "", value: "three"), false, "insert over a document")
        try check.equal(try store.registryDocument(kind: "policy", key: ""), "two", "insert changed nothing")
        try check.equal(try store.insertRegistryDocument(kind: "template", key: "", value: "t"), true, "insert of a new key")
        try check.equal(try store.deleteRegistryDocument(kind: "policy", key: ""), "two", "delete returns the value")
        try check.equal(try store.deleteRegistryDocument(kind: "policy", key: ""), nil, "delete again")
        try check.equal(try store.registryDocument(kind: "template", key: ""), "t", "another kind is untouched")
    }

    static func listRegistryDocumentsOrderAndPaging(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        for key in ["team/b", "ROOT", "team/a", "a/"] { try store.putRegistryDocument(kind: "template", key: key, value: "v-\(key)") }
        try store.putRegistryDocument(kind: "rule", key: "zzz", value: "other kind")
        let all = try store.listRegistryDocuments(kind: "template", after: nil, limit: 10)
        try check.equal(all.map(\.key), ["ROOT", "a/", "team/a", "team/b"], "keys in byte order")
        try check.equal(all.first?.value, "v-ROOT", "values")
        try check.equal(try store.listRegistryDocuments(kind: "template", after: "a/", limit: 1).map(\.key), ["team/a"], "paged")
        try check.equal(try store.listRegistryDocuments(kind: "template", after: nil, limit: 0), [], "limit 0")
        try check.equal(try store.listRegistryDocuments(kind: "none", after: nil, limit: 10), [], "unknown kind")
    }

    static func repositoryDocumentsGoWithTheRepository(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try check.throwsError(.repositoryNotFound("app"), "document of an unknown repository") {
            try store.putRepositoryDocument(repository: "app", kind: "lifecycle", value: "x")
        }
        try check.equal(try store.repositoryDocument(repository: "app", kind: "lifecycle"), nil, "unknown repository")
        try Fixture.create("app", "other", in: store)
        try store.putRepositoryDocument(repository: "app", kind: "lifecycle", value: "one")
        try store.putRepositoryDocument(repository: "app", kind: "lifecycle", value: "two")
        try store.putRepositoryDocument(repository: "app", kind: "preview", value: "p")
        try check.equal(try store.repositoryDocument(repository: "app", kind: "lifecycle"), "two", "replaced")
        try check.equal(try store.repositoryDocument(repository: "other", kind: "lifecycle"), nil, "another repository")
        try check.equal(try store.deleteRepositoryDocument(repository: "app", kind: "lifecycle"), "two", "delete returns the value")
        try check.equal(try store.deleteRepositoryDocument(repository: "app", kind: "lifecycle"), nil, "delete again")
        _ = try store.deleteRepository(named: "app", force: true)
        try Fixture.create("app", in: store)
        try check.equal(try store.repositoryDocument(repository: "app", kind: "preview"), nil, "documents went with the repository")
    }

    static func imageStatusTransitions(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        _ = try store.putImage(Fixture.image("app", 1), tag: "v1", tagIsImmutable: false)
        try check.equal(try store.image(repository: "app", tag: "v1")?.status, .active, "new images are active")
        let archived = try store.setImageStatus(repository: "app", digest: Fixture.digest(1), status: .archived, at: 100)
        try check.equal(archived?.status, .archived, "archived")
        try check.equal(archived?.lastArchivedAt, 100, "archive time")
        try check.equal(archived?.tags, ["v1"], "tags kept")
        _ = try store.setImageStatus(repository: "app", digest: Fixture.digest(1), status: .archived, at: 150)
        try check.equal(try store.image(repository: "app", tag: "v1")?.lastArchivedAt, 100, "archiving again keeps the first time")
        _ = try store.setImageStatus(repository: "app", digest: Fixture.digest(1), status: .activating, at: 200)
        let restored = try store.setImageStatus(repository: "app", digest: Fixture.digest(1), status: .active, at: 300)
        try check.equal(restored?.lastActivatedAt, 300, "restore time")
        try check.equal(restored?.lastArchivedAt, 100, "archive time kept")
        try check.equal(try store.setImageStatus(repository: "app", digest: Fixture.digest(9), status: .archived, at: 1), nil, "no such image")
    }

    static func listingsFilterByImageStatus(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        try Fixture.create("app", in: store)
        _ = try store.putImage(Fixture.image("app", 1), tag: "a", tagIsImmutable: false)
        _ = try store.putImage(Fixture.image("app", 2), tag: "b", tagIsImmutable: false)
        _ = try store.putImage(Fixture.image("app", 3), tag: nil, tagIsImmutable: false)
        _ = try store.setImageStatus(repository: "app", digest: Fixture.digest(2), status: .archived, at: 1)
        let active = try store.listImages(repository: "app", tagStatus: .any, imageStatus: .active, after: nil, limit: 10)
        try check.equal(active.map(\.digest), [Fixture.digest(1), Fixture.digest(3)], "active images")
        let archived = try store.listImages(repository: "app", tagStatus: .tagged, imageStatus: .archived, after: nil, limit: 10)
        try check.equal(archived.map(\.digest), [Fixture.digest(2)], "archived tagged images")
        try check.equal(try store.listImages(repository: "app", tagStatus: .any, after: nil, limit: 10).count, 3, "any status")
        let ids = try store.listImageIDs(repository: "app", tagStatus: .any, imageStatus: .active, after: nil, limit: 10)
        try check.equal(ids, [ImageIDRecord(digest: Fixture.digest(1), tag: "a"), ImageIDRecord(digest: Fixture.digest(3), tag: nil)], "active ids")
        let archivedIDs = try store.listImageIDs(repository: "app", tagStatus: .untagged, imageStatus: .archived, after: nil, limit: 10)
        try check.equal(archivedIDs, [], "no untagged archived ids")
    }
}
