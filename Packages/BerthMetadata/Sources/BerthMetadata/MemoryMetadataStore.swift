import Synchronization

/// A metadata store in memory with the same semantics as `SQLiteMetadataStore`: for tests, and as the
/// reference the conformance suite is written against. Every method holds one lock, so each is atomic.
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

    struct State {
        var repositories: [String: RepositoryState] = [:]
        var uploads: [String: UploadRecord] = [:]
        var settings: [String: String] = [:]
    }

    let state = Mutex(State())

    /// An empty store.
    public init() {}

    // MARK: Repositories

    /// Stores a new repository.
    public func createRepository(_ repository: RepositoryRecord) throws {
        try state.withLock { state in
            guard state.repositories[repository.name] == nil else { throw MetadataError.repositoryAlreadyExists(repository.name) }
            state.repositories[repository.name] = RepositoryState(record: repository)
        }
    }

    /// The repository named `name`, or nil.
    public func repository(named name: String) throws -> RepositoryRecord? {
        state.withLock { $0.repositories[name]?.record }
    }

    /// Repositories sorted by name, strictly after `after`, at most `limit`.
    public func listRepositories(after: String?, limit: Int) throws -> [RepositoryRecord] {
        guard limit > 0 else { return [] }
        return state.withLock { state in
            let names = state.repositories.keys.filter { $0 > (after ?? "") }.sorted().prefix(limit)
            return names.compactMap { state.repositories[$0]?.record }
        }
    }

    /// How many repositories exist.
    public func repositoryCount() throws -> Int {
        state.withLock { $0.repositories.count }
    }

    /// Replaces a repository's settings (`createdAt` is kept).
    public func updateRepository(_ repository: RepositoryRecord) throws {
        try state.withLock { state in
            guard let createdAt = state.repositories[repository.name]?.record.createdAt else {
                throw MetadataError.repositoryNotFound(repository.name)
            }
            var record = repository
            record.createdAt = createdAt
            state.repositories[repository.name]?.record = record
        }
    }

    /// Deletes a repository (with `force`, its images, tags, layer links and uploads too).
    public func deleteRepository(named name: String, force: Bool) throws -> RepositoryDeletion {
        try state.withLock { state in
            guard let repository = state.repositories[name] else { throw MetadataError.repositoryNotFound(name) }
            guard repository.images.isEmpty || force else { throw MetadataError.repositoryNotEmpty(name) }
            let uploads = state.uploads.values.filter { $0.repository == name }.map(\.id).sorted()
            for id in uploads { state.uploads[id] = nil }
            state.repositories[name] = nil
            return RepositoryDeletion(repository: repository.record, imageCount: repository.images.count, uploadIDs: uploads)
        }
    }

    // MARK: Layers

    /// Links a blob into a repository (idempotent; keeps the first record).
    public func putLayer(_ layer: LayerRecord) throws {
        try state.withLock { state in
            guard state.repositories[layer.repository] != nil else { throw MetadataError.repositoryNotFound(layer.repository) }
            if state.repositories[layer.repository]?.layers[layer.digest] == nil {
                state.repositories[layer.repository]?.layers[layer.digest] = layer
            }
        }
    }

    /// The blob `digest` as linked into `repository`, or nil.
    public func layer(repository: String, digest: String) throws -> LayerRecord? {
        state.withLock { $0.repositories[repository]?.layers[digest] }
    }

    /// True when any repository links the blob.
    public func isLayerLinkedAnywhere(digest: String) throws -> Bool {
        state.withLock { state in state.repositories.values.contains { $0.layers[digest] != nil } }
    }

    /// Unlinks the blob from `repository`; false when it was not linked. The blob's bytes are GC's to remove.
    @discardableResult public func deleteLayer(repository: String, digest: String) throws -> Bool {
        state.withLock { $0.repositories[repository]?.layers.removeValue(forKey: digest) != nil }
    }
}
