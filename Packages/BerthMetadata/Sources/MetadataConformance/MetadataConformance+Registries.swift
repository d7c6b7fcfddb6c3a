import BerthMetadata
import BerthModel

// Cases: registry scopes (one registry per region over one store).
extension MetadataConformance {
    static func registriesAreIndependent(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        let east = store.scoped(toRegistry: "us-east-1")
        let west = store.scoped(toRegistry: "eu-west-1")
        try check.equal(east.registryScope, "us-east-1", "scope of a view")
        try Fixture.create("app", "only-east", in: east)
        try Fixture.create("app", in: west)
        try check.equal(try east.listRepositories(after: nil, limit: 10).map(\.name), ["app", "only-east"], "east's repositories")
        try check.equal(try west.listRepositories(after: nil, limit: 10).map(\.name), ["app"], "west's repositories")
        try check.equal(try store.listRepositories(after: nil, limit: 10), [], "the unscoped view sees neither")
        try check.equal(try west.repositoryCount(), 1, "count per registry")
        try check.equal(try west.repository(named: "only-east"), nil, "another registry's repository")
        _ = try east.putImage(Fixture.image("app", 1), tag: "v1", tagIsImmutable: false)
        try check.equal(try west.image(repository: "app", tag: "v1"), nil, "images are per registry")
        try check.equal(try west.imageCount(repository: "app"), 0, "image count per registry")
        try east.putLayer(LayerRecord(repository: "app", digest: Fixture.digest(7), size: 1, createdAt: Fixture.time))
        try check.equal(try west.layer(repository: "app", digest: Fixture.digest(7)), nil, "layer links are per registry")
        try check.equal(try west.isLayerLinkedAnywhere(digest: Fixture.digest(7)), true, "isLayerLinkedAnywhere is store-wide")
        try east.createUpload(Fixture.upload("u1", "app"))
        try check.equal(try west.upload(id: "u1"), nil, "uploads are found in their registry only")
        try check.equal(try east.upload(id: "u1")?.repository, "app", "upload in its registry")
        try check.equal(try west.listUploads(updatedBefore: .infinity).map(\.id), ["u1"], "listUploads is store-wide")
        try east.putRegistryDocument(kind: "policy", key: "", value: "east")
        try check.equal(try west.registryDocument(kind: "policy", key: ""), nil, "registry documents are per registry")
        try east.setSetting("secret", value: "s")
        try check.equal(try west.setting("secret"), "s", "settings are store-wide")
        _ = try west.deleteRepository(named: "app", force: true)
        try check.equal(try east.image(repository: "app", tag: "v1")?.digest, Fixture.digest(1), "deleting west's app leaves east's")
        try check.equal(try east.upload(id: "u1")?.id, "u1", "and its uploads")
    }

    static func adoptUnscopedRepositories(_ check: MetadataCheck, _ store: any MetadataStore) throws {
        let east = store.scoped(toRegistry: "us-east-1")
        try Fixture.create("old", "clash", in: store)
        _ = try store.putImage(Fixture.image("old", 1), tag: "v1", tagIsImmutable: false)
        try store.createUpload(Fixture.upload("u1", "old"))
        try Fixture.create("clash", in: east)
        try check.equal(try east.adoptUnscopedRepositories(into: "us-east-1"), 1, "moved one repository")
        try check.equal(try east.image(repository: "old", tag: "v1")?.digest, Fixture.digest(1), "its images came along")
        try check.equal(try east.upload(id: "u1")?.repository, "old", "and its uploads")
        try check.equal(try store.listRepositories(after: nil, limit: 10).map(\.name), ["clash"], "a clashing name stays unscoped")
        try check.equal(try east.adoptUnscopedRepositories(into: "us-east-1"), 0, "adopting again moves nothing")
    }
}
