public import BerthModel

// Registry documents, repository documents and image storage status.
extension SQLMetadataStore {
    /// The registry document `kind`/`key` of this registry, or nil.
    public func registryDocument(kind: String, key: String) throws -> String? {
        try read(singleStatement: true) { connection in
            try connection.row(
                "SELECT value FROM registry_documents WHERE registry = ? AND kind = ? AND key = ?",
                [.text(registryScope), .text(kind), .text(key)]
            ) { $0.text(0) }
        }
    }

    /// Stores or replaces a registry document.
    public func putRegistryDocument(kind: String, key: String, value: String) throws {
        try write { connection in
            try connection.run(
                """
                INSERT INTO registry_documents (registry, kind, key, value) VALUES (?, ?, ?, ?)
                ON CONFLICT (registry, kind, key) DO UPDATE SET value = excluded.value
                """,
                [.text(registryScope), .text(kind), .text(key), .text(value)]
            )
        }
    }

    /// Stores a registry document unless one is there; false when one was.
    public func insertRegistryDocument(kind: String, key: String, value: String) throws -> Bool {
        try write { connection in
            try connection.run(
                "INSERT INTO registry_documents (registry, kind, key, value) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [.text(registryScope), .text(kind), .text(key), .text(value)]
            ) > 0
        }
    }

    /// Removes a registry document; returns its value, or nil when there was none.
    @discardableResult public func deleteRegistryDocument(kind: String, key: String) throws -> String? {
        try write { connection in
            try connection.row(
                "DELETE FROM registry_documents WHERE registry = ? AND kind = ? AND key = ? RETURNING value",
                [.text(registryScope), .text(kind), .text(key)]
            ) { $0.text(0) }
        }
    }

    /// Registry documents of `kind` by key, after `after`, at most `limit`.
    public func listRegistryDocuments(kind: String, after: String?, limit: Int) throws -> [RegistryDocument] {
        guard limit > 0 else { return [] }
        return try read(singleStatement: true) { connection in
            try connection.rows(
                "SELECT key, value FROM registry_documents WHERE registry = ? AND kind = ? AND key > ? ORDER BY key LIMIT ?",
                [.text(registryScope), .text(kind), .text(after ?? ""), .int(limit)]
            ) { RegistryDocument(key: $0.text(0), value: $0.text(1)) }
        }
    }

    /// The document `kind` of `repository`, or nil.
    public func repositoryDocument(repository: String, kind: String) throws -> String? {
        try read(singleStatement: true) { connection in
            try connection.row(
                "SELECT value FROM repository_documents WHERE \(Self.inRepository) AND kind = ?",
                [.text(registryScope), .text(repository), .text(kind)]
            ) { $0.text(0) }
        }
    }

    /// Stores or replaces the document `kind` of `repository`.
    public func putRepositoryDocument(repository: String, kind: String, value: String) throws {
        try write { connection in
            let id = try requireRepositoryID(connection, repository)
            try connection.run(
                """
                INSERT INTO repository_documents (repository_id, kind, value) VALUES (?, ?, ?)
                ON CONFLICT (repository_id, kind) DO UPDATE SET value = excluded.value
                """,
                [.int64(id), .text(kind), .text(value)]
            )
        }
    }

    /// Removes the document `kind` of `repository`; returns its value, or nil.
    @discardableResult public func deleteRepositoryDocument(repository: String, kind: String) throws -> String? {
        try write { connection in
            try connection.row(
                "DELETE FROM repository_documents WHERE \(Self.inRepository) AND kind = ? RETURNING value",
                [.text(registryScope), .text(repository), .text(kind)]
            ) { $0.text(0) }
        }
    }

    /// Sets an image's storage status, recording when it was archived or restored.
    public func setImageStatus(repository: String, digest: String, status: ImageStatus, at time: Double) throws -> ImageRecord? {
        let changed: Bool = try write { connection in
            try connection.run(
                """
                UPDATE images SET
                    last_archived_at = CASE WHEN ?1 = 'ARCHIVED' AND status != 'ARCHIVED' THEN ?2 ELSE last_archived_at END,
                    last_activated_at = CASE WHEN ?1 = 'ACTIVE' AND status != 'ACTIVE' THEN ?2 ELSE last_activated_at END,
                    status = ?1
                WHERE repository_id = (SELECT id FROM repositories WHERE registry = ?3 AND name = ?4) AND digest = ?5
                """,
                [.text(status.rawValue), .real(time), .text(registryScope), .text(repository), .text(digest)]
            ) > 0
        }
        return changed ? try image(repository: repository, digest: digest) : nil
    }
}
