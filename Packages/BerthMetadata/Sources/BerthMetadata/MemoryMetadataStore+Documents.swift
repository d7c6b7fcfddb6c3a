public import BerthModel

// Registry documents, repository documents and image storage status.
extension MemoryMetadataStore {
    private func documentKey(_ kind: String, _ key: String) -> Scoped {
        Scoped(registry: registryScope, name: kind + "\u{0}" + key)
    }

    /// The registry document `kind`/`key` of this registry, or nil.
    public func registryDocument(kind: String, key: String) throws -> String? {
        try withState { $0.documents[documentKey(kind, key)] }
    }

    /// Stores or replaces a registry document.
    public func putRegistryDocument(kind: String, key: String, value: String) throws {
        try withState { $0.documents[documentKey(kind, key)] = value }
    }

    /// Stores a registry document unless one is there; false when one was.
    public func insertRegistryDocument(kind: String, key: String, value: String) throws -> Bool {
        try withState { state in
            guard state.documents[documentKey(kind, key)] == nil else { return false }
            state.documents[documentKey(kind, key)] = value
            return true
        }
    }

    /// Removes a registry document; returns its value, or nil when there was none.
    @discardableResult public func deleteRegistryDocument(kind: String, key: String) throws -> String? {
        try withState { $0.documents.removeValue(forKey: documentKey(kind, key)) }
    }

    /// Registry documents of `kind` by key (byte order), after `after`, at most `limit`.
    public func listRegistryDocuments(kind: String, after: String?, limit: Int) throws -> [RegistryDocument] {
        guard limit > 0 else { return [] }
        let prefix = kind + "\u{0}"
        let cursor = Array((after ?? "").utf8)
        return try withState { state in
            let found = state.documents.compactMap { entry -> RegistryDocument? in
                guard entry.key.registry == registryScope, entry.key.name.hasPrefix(prefix) else { return nil }
                return RegistryDocument(key: String(entry.key.name.dropFirst(prefix.count)), value: entry.value)
            }
            let later = found.filter { cursor.lexicographicallyPrecedes($0.key.utf8) }
            return Array(later.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.prefix(limit))
        }
    }

    /// The document `kind` of `repository`, or nil.
    public func repositoryDocument(repository: String, kind: String) throws -> String? {
        try withState { $0.repositories[key(repository)]?.documents[kind] }
    }

    /// Stores or replaces the document `kind` of `repository`.
    public func putRepositoryDocument(repository: String, kind: String, value: String) throws {
        try withState { state in
            guard state.repositories[key(repository)] != nil else { throw MetadataError.repositoryNotFound(repository) }
            state.repositories[key(repository)]?.documents[kind] = value
        }
    }

    /// Removes the document `kind` of `repository`; returns its value, or nil.
    @discardableResult public func deleteRepositoryDocument(repository: String, kind: String) throws -> String? {
        try withState { $0.repositories[key(repository)]?.documents.removeValue(forKey: kind) }
    }

    /// Sets an image's storage status, recording when it was archived or restored.
    public func setImageStatus(repository: String, digest: String, status: ImageStatus, at time: Double) throws -> ImageRecord? {
        try withState { state in
            guard var record = state.repositories[key(repository)]?.images[digest]?.record else { return nil }
            if status == .archived, record.status != .archived { record.lastArchivedAt = time }
            if status == .active, record.status != .active { record.lastActivatedAt = time }
            record.status = status
            state.repositories[key(repository)]?.images[digest]?.record = record
            return state.repositories[key(repository)]?.image(digest)
        }
    }
}
