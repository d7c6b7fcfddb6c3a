public import BerthModel

// Repositories.
extension SQLMetadataStore {
    static let repositoryColumns = """
        name, created_at, image_tag_mutability, tag_mutability_exclusion_filters, scan_on_push, encryption_type, kms_key, \
        policy_text, resource_tags
        """

    /// Stores a new repository.
    public func createRepository(_ repository: RepositoryRecord) throws {
        let values = try Self.settingValues(repository)
        try write { connection in
            guard try repositoryID(connection, repository.name) == nil else { throw MetadataError.repositoryAlreadyExists(repository.name) }
            try connection.run(
                "INSERT INTO repositories (registry, \(Self.repositoryColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [.text(registryScope), .text(repository.name), .real(repository.createdAt)] + values
            )
        }
    }

    /// The repository named `name`, or nil.
    public func repository(named name: String) throws -> RepositoryRecord? {
        try read(singleStatement: true) { connection in
            try connection.row(
                "SELECT \(Self.repositoryColumns) FROM repositories WHERE registry = ? AND name = ?", [.text(registryScope), .text(name)],
                Self.repository)
        }
    }

    /// Repositories sorted by name, strictly after `after`, at most `limit`.
    public func listRepositories(after: String?, limit: Int) throws -> [RepositoryRecord] {
        guard limit > 0 else { return [] }
        return try read(singleStatement: true) { connection in
            try connection.rows(
                "SELECT \(Self.repositoryColumns) FROM repositories WHERE registry = ? AND name > ? ORDER BY name LIMIT ?",
                [.text(registryScope), .text(after ?? ""), .int(limit)],
                Self.repository
            )
        }
    }

    /// How many repositories exist.
    public func repositoryCount() throws -> Int {
        try read(singleStatement: true) { connection in
            try connection.row("SELECT count(*) FROM repositories WHERE registry = ?", [.text(registryScope)]) { $0.int(0) } ?? 0
        }
    }

    /// Replaces a repository's settings (`createdAt` is kept).
    public func updateRepository(_ repository: RepositoryRecord) throws {
        let values = try Self.settingValues(repository)
        try write { connection in
            let changed = try connection.run(
                """
                UPDATE repositories SET image_tag_mutability = ?, tag_mutability_exclusion_filters = ?, scan_on_push = ?, \
                encryption_type = ?, kms_key = ?, policy_text = ?, resource_tags = ? WHERE registry = ? AND name = ?
                """,
                values + [.text(registryScope), .text(repository.name)]
            )
            guard changed > 0 else { throw MetadataError.repositoryNotFound(repository.name) }
        }
    }

    /// Deletes a repository (with `force`, its images, tags, layer links and uploads too).
    public func deleteRepository(named name: String, force: Bool) throws -> RepositoryDeletion {
        try write { connection in
            guard
                let found = try connection.row(
                    "SELECT id, \(Self.repositoryColumns) FROM repositories WHERE registry = ? AND name = ?",
                    [.text(registryScope), .text(name)],
                    { row in (row.int64(0), try Self.repository(row, offset: 1)) }
                )
            else { throw MetadataError.repositoryNotFound(name) }
            let (id, record) = found
            let count = try connection.row("SELECT count(*) FROM images WHERE repository_id = ?", [.int64(id)]) { $0.int(0) } ?? 0
            guard count == 0 || force else { throw MetadataError.repositoryNotEmpty(name) }
            let uploads = try connection.rows("SELECT id FROM uploads WHERE repository_id = ? ORDER BY id", [.int64(id)]) { $0.text(0) }
            try connection.run("DELETE FROM repositories WHERE id = ?", [.int64(id)])
            return RepositoryDeletion(repository: record, imageCount: count, uploadIDs: uploads)
        }
    }

    /// The values of the settings columns, in `repositoryColumns` order from `image_tag_mutability` on.
    private static func settingValues(_ repository: RepositoryRecord) throws -> [SQLValue] {
        [
            .text(repository.imageTagMutability), .text(try JSONText.encode(repository.tagMutabilityExclusionFilters)),
            .bool(repository.scanOnPush), .text(repository.encryptionType), .string(repository.kmsKey), .string(repository.policyText),
            .text(try JSONText.encode(repository.resourceTags)),
        ]
    }

    /// A repository from `repositoryColumns` starting at column `offset`.
    static func repository(_ row: SQLRow, offset: Int32) throws -> RepositoryRecord {
        RepositoryRecord(
            name: row.text(offset), createdAt: row.double(offset + 1), imageTagMutability: row.text(offset + 2),
            tagMutabilityExclusionFilters: try JSONText.decode([String].self, from: row.text(offset + 3)), scanOnPush: row.bool(offset + 4),
            encryptionType: row.text(offset + 5), kmsKey: row.optionalText(offset + 6), policyText: row.optionalText(offset + 7),
            resourceTags: try JSONText.decode([ResourceTag].self, from: row.text(offset + 8))
        )
    }

    static func repository(_ row: SQLRow) throws -> RepositoryRecord {
        try repository(row, offset: 0)
    }
}
