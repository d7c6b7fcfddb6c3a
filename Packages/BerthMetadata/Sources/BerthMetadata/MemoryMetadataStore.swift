public import BerthModel
import Synchronization

/// A metadata store in memory with the same semantics as `SQLMetadataStore`: for tests, and as the
/// reference the conformance suite is written against. Every method holds one lock, so each is atomic; views of
/// other registries (`scoped(toRegistry:)`) share the data and the lock.
public final class MemoryMetadataStore: MetadataStore {
    struct StoredImage {
        /// The record, with `tags` always empty (tags live in `RepositoryState.tags`).
        var record: ImageRecord
        var blobDigests: Set<String>
        var childDigests: Set<String>
    }

    struct RepositoryState {
        var record: RepositoryRecord
        var images: [String: StoredImage] = [:]
        /// tag → image digest.
        var tags: [String: String] = [:]
        var layers: [String: LayerRecord] = [:]
        /// kind → document.
        var documents: [String: String] = [:]

        /// The sorted tags of image `digest`.
        func tags(of digest: String) -> [String] {
            tags.filter { $0.value == digest }.map(\.key).sorted()
        }

        /// The image `digest` with its tags, or nil.
        func image(_ digest: String) -> ImageRecord? {
            guard var record = images[digest]?.record else { return nil }
            record.tags = tags(of: digest)
            return record
        }
    }

    /// Everything, keyed by `Scoped` keys (registry and name) where a registry owns it.
    struct State {
        var repositories: [Scoped: RepositoryState] = [:]
        /// upload id → (registry, record).
        var uploads: [String: (registry: String, record: UploadRecord)] = [:]
        /// (registry, "kind\u{0}key") → document.
        var documents: [Scoped: String] = [:]
        var settings: [String: String] = [:]
        var leases: [String: (holder: String, expiry: Double)] = [:]
        /// Blobs garbage collection is deleting: digest → claim time.
        var blobClaims: [String: Double] = [:]
        /// Blobs uploads are committing: digest → holder → expiry.
        var blobPins: [String: [String: Double]] = [:]
    }

    /// A name within one registry.
    struct Scoped: Hashable {
        var registry: String
        var name: String
    }

    private final class Shared: Sendable {
        let state = Mutex(State())
    }

    private let shared: Shared
    /// The registry this view sees.
    public let registryScope: String

    /// An empty store (its view of registry `""`).
    public init() {
        shared = Shared()
        registryScope = ""
    }

    private init(shared: Shared, registryScope: String) {
        self.shared = shared
        self.registryScope = registryScope
    }

    /// The view of registry `registry` over the same data.
    public func scoped(toRegistry registry: String) -> any MetadataStore {
        MemoryMetadataStore(shared: shared, registryScope: registry)
    }

    /// Runs `body` holding the store's one lock.
    func withState<T: Sendable>(_ body: (inout State) throws -> T) throws -> T {
        try shared.state.withLock { state in try body(&state) }
    }

    /// The key of repository `name` in this view's registry.
    func key(_ name: String) -> Scoped { Scoped(registry: registryScope, name: name) }

    /// Moves the repositories of scope `""` into `registry`, except names `registry` already has.
    @discardableResult public func adoptUnscopedRepositories(into registry: String) throws -> Int {
        try withState { state in
            let movable = state.repositories.keys.filter { $0.registry == "" && state.repositories[Scoped(registry: registry, name: $0.name)] == nil }
            for old in movable {
                state.repositories[Scoped(registry: registry, name: old.name)] = state.repositories.removeValue(forKey: old)
                for (id, upload) in state.uploads where upload.registry == "" && upload.record.repository == old.name {
                    state.uploads[id] = (registry, upload.record)
                }
            }
            return movable.count
        }
    }

    // MARK: Repositories

    /// Stores a new repository.
    public func createRepository(_ repository: RepositoryRecord) throws {
        try withState { state in
            guard state.repositories[key(repository.name)] == nil else { throw MetadataError.repositoryAlreadyExists(repository.name) }
            state.repositories[key(repository.name)] = RepositoryState(record: repository)
        }
    }

    /// The repository named `name`, or nil.
    public func repository(named name: String) throws -> RepositoryRecord? {
        try withState { $0.repositories[key(name)]?.record }
    }

    /// Repositories sorted by name, strictly after `after`, at most `limit`.
    public func listRepositories(after: String?, limit: Int) throws -> [RepositoryRecord] {
        guard limit > 0 else { return [] }
        return try withState { state in
            let names = state.repositories.keys.filter { $0.registry == registryScope && $0.name > (after ?? "") }.map(\.name)
            return names.sorted().prefix(limit).compactMap { state.repositories[key($0)]?.record }
        }
    }

    /// How many repositories this registry has.
    public func repositoryCount() throws -> Int {
        try withState { state in state.repositories.keys.filter { $0.registry == registryScope }.count }
    }

    /// Replaces a repository's settings (`createdAt` is kept).
    public func updateRepository(_ repository: RepositoryRecord) throws {
        try withState { state in
            guard let createdAt = state.repositories[key(repository.name)]?.record.createdAt else {
                throw MetadataError.repositoryNotFound(repository.name)
            }
            var record = repository
            record.createdAt = createdAt
            state.repositories[key(repository.name)]?.record = record
        }
    }

    /// Deletes a repository (with `force`, its images, tags, layer links, uploads and documents too).
    public func deleteRepository(named name: String, force: Bool) throws -> RepositoryDeletion {
        try withState { state in
            guard let repository = state.repositories[key(name)] else { throw MetadataError.repositoryNotFound(name) }
            guard repository.images.isEmpty || force else { throw MetadataError.repositoryNotEmpty(name) }
            let uploads = state.uploads.values.filter { $0.registry == registryScope && $0.record.repository == name }.map(\.record.id).sorted()
            for id in uploads { state.uploads[id] = nil }
            state.repositories[key(name)] = nil
            return RepositoryDeletion(repository: repository.record, imageCount: repository.images.count, uploadIDs: uploads)
        }
    }

    // MARK: Layers

    /// Links a blob into a repository (idempotent; keeps the first record).
    public func putLayer(_ layer: LayerRecord) throws {
        try withState { state in try insertLayer(layer, into: &state) }
    }

    /// Links a blob (keeping the first record, moving `usedAt` forward) inside a state change.
    /// - Throws: `MetadataError.repositoryNotFound`, `.blobClaimed`.
    func insertLayer(_ layer: LayerRecord, into state: inout State) throws {
        guard state.repositories[key(layer.repository)] != nil else { throw MetadataError.repositoryNotFound(layer.repository) }
        guard state.blobClaims[layer.digest] == nil else { throw MetadataError.blobClaimed(layer.digest) }
        if let existing = state.repositories[key(layer.repository)]?.layers[layer.digest] {
            state.repositories[key(layer.repository)]?.layers[layer.digest]?.usedAt = max(existing.usedAt, layer.usedAt)
        } else {
            state.repositories[key(layer.repository)]?.layers[layer.digest] = layer
        }
    }

    /// Sets the link's `usedAt` to `time`; false when the repository does not link the blob.
    public func touchLayer(repository: String, digest: String, at time: Double) throws -> Bool {
        try withState { state in
            guard state.repositories[key(repository)]?.layers[digest] != nil else { return false }
            state.repositories[key(repository)]?.layers[digest]?.usedAt = time
            return true
        }
    }

    /// The blob `digest` as linked into `repository`, or nil.
    public func layer(repository: String, digest: String) throws -> LayerRecord? {
        try withState { $0.repositories[key(repository)]?.layers[digest] }
    }

    /// True when any repository of any registry links the blob.
    public func isLayerLinkedAnywhere(digest: String) throws -> Bool {
        try withState { state in state.repositories.values.contains { $0.layers[digest] != nil } }
    }

    /// Unlinks the blob from `repository`; false when it was not linked. The blob's bytes are GC's to remove.
    @discardableResult public func deleteLayer(repository: String, digest: String) throws -> Bool {
        try withState { $0.repositories[key(repository)]?.layers.removeValue(forKey: digest) != nil }
    }
}
