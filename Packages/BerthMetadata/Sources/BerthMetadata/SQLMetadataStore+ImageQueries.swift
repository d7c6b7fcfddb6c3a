public import BerthModel

// Images and tags: reads.
extension SQLMetadataStore {
    static let imageColumns = """
        i.id, i.digest, i.manifest, i.media_type, i.artifact_type, i.subject_digest, i.size, i.pushed_at, i.last_pulled_at, i.status, \
        i.last_archived_at, i.last_activated_at
        """

    /// The image with `digest` in `repository`, with its tags.
    public func image(repository: String, digest: String) throws -> ImageRecord? {
        try read { connection in
            try images(
                "SELECT \(Self.imageColumns) FROM images i WHERE i.\(Self.inRepository) AND i.digest = ?",
                [.text(registryScope), .text(repository), .text(digest)],
                repository: repository,
                connection
            ).first
        }
    }

    /// The image `tag` points at in `repository`, with its tags.
    public func image(repository: String, tag: String) throws -> ImageRecord? {
        try read { connection in
            try images(
                "SELECT \(Self.imageColumns) FROM tags t JOIN images i ON i.id = t.image_id WHERE t.\(Self.inRepository) AND t.tag = ?",
                [.text(registryScope), .text(repository), .text(tag)],
                repository: repository,
                connection
            ).first
        }
    }

    /// Images sorted by digest, strictly after `after`, at most `limit`, filtered by tag and storage status.
    public func listImages(repository: String, tagStatus: TagStatusFilter, imageStatus: ImageStatus?, after: String?, limit: Int) throws
        -> [ImageRecord]
    {
        guard limit > 0 else { return [] }
        let filter =
            switch tagStatus {
            case .any: ""
            case .tagged: "AND EXISTS (SELECT 1 FROM tags t WHERE t.image_id = i.id)"
            case .untagged: "AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.image_id = i.id)"
            }
        let status = imageStatus.map { "AND i.status = '\($0.rawValue)'" } ?? ""
        return try read { connection in
            try images(
                "SELECT \(Self.imageColumns) FROM images i WHERE i.\(Self.inRepository) AND i.digest > ? \(filter) \(status) ORDER BY i.digest LIMIT ?",
                [.text(registryScope), .text(repository), .text(after ?? ""), .int(limit)],
                repository: repository,
                connection
            )
        }
    }

    /// (digest, tag) pairs sorted by digest then tag, untagged images once with a nil tag.
    public func listImageIDs(repository: String, tagStatus: TagStatusFilter, imageStatus: ImageStatus?, after: ImageIDRecord?, limit: Int) throws
        -> [ImageIDRecord]
    {
        guard limit > 0 else { return [] }
        var filter =
            switch tagStatus {
            case .any: ""
            case .tagged: "AND t.tag IS NOT NULL"
            case .untagged: "AND t.tag IS NULL"
            }
        if let imageStatus { filter += " AND i.status = '\(imageStatus.rawValue)'" }
        let afterDigest = after?.digest ?? ""
        return try read(singleStatement: true) { connection in
            try connection.rows(
                """
                SELECT i.digest, t.tag FROM images i LEFT JOIN tags t ON t.image_id = i.id
                WHERE i.\(Self.inRepository) AND i.digest >= ?
                AND (i.digest > ? OR coalesce(t.tag, '') > ?) \(filter)
                ORDER BY i.digest, coalesce(t.tag, '') LIMIT ?
                """,
                [.text(registryScope), .text(repository), .text(afterDigest), .text(afterDigest), .text(after?.tag ?? ""), .int(limit)]
            ) { ImageIDRecord(digest: $0.text(0), tag: $0.optionalText(1)) }
        }
    }

    /// The tags of `repository`, sorted byte-wise, strictly after `after`, at most `limit`. A range scan of the
    /// `tags` primary key `(repository_id, tag)`; the column's BINARY collation compares UTF-8 bytes.
    public func listTags(repository: String, after: String?, limit: Int) throws -> [String] {
        guard limit > 0 else { return [] }
        return try read(singleStatement: true) { connection in
            try connection.rows(
                "SELECT tag FROM tags WHERE \(Self.inRepository) AND tag > ? ORDER BY tag LIMIT ?",
                [.text(registryScope), .text(repository), .text(after ?? ""), .int(limit)]
            ) { $0.text(0) }
        }
    }

    /// How many images `repository` holds.
    public func imageCount(repository: String) throws -> Int {
        try read(singleStatement: true) { connection in
            try connection.row(
                "SELECT count(*) FROM images WHERE \(Self.inRepository)",
                [.text(registryScope), .text(repository)]
            ) { $0.int(0) } ?? 0
        }
    }

    /// Digests of the manifests in `repository` that list `digest` as a child, sorted.
    public func manifestsReferencing(repository: String, digest: String) throws -> [String] {
        try read(singleStatement: true) { connection in
            try connection.rows(
                """
                SELECT i.digest FROM image_children c JOIN images i ON i.id = c.parent_id
                WHERE c.\(Self.inRepository) AND c.child_digest = ? ORDER BY i.digest
                """,
                [.text(registryScope), .text(repository), .text(digest)]
            ) { $0.text(0) }
        }
    }

    /// Images in `repository` whose subject is `subject`, sorted by digest.
    public func referrers(repository: String, subject: String) throws -> [ImageRecord] {
        try read { connection in
            try images(
                "SELECT \(Self.imageColumns) FROM images i WHERE i.\(Self.inRepository) AND i.subject_digest = ? ORDER BY i.digest",
                [.text(registryScope), .text(repository), .text(subject)],
                repository: repository,
                connection
            )
        }
    }

    /// True when some image in `repository` references the blob `digest`.
    public func isBlobReferenced(repository: String, digest: String) throws -> Bool {
        try read(singleStatement: true) { connection in
            try connection.row(
                "SELECT EXISTS (SELECT 1 FROM image_blobs WHERE \(Self.inRepository) AND blob_digest = ?)",
                [.text(registryScope), .text(repository), .text(digest)]
            ) { $0.bool(0) } ?? false
        }
    }

    /// The images a query over `imageColumns` returns, each with its tags.
    private func images(_ sql: String, _ values: [SQLValue], repository: String, _ connection: SQLConnection) throws -> [ImageRecord] {
        let rows = try connection.rows(sql, values) { row in
            (
                row.int64(0),
                ImageRecord(
                    repository: repository, digest: row.text(1), manifest: row.blob(2), mediaType: row.text(3), artifactType: row.optionalText(4),
                    subjectDigest: row.optionalText(5), sizeInBytes: row.int64(6), pushedAt: row.double(7), lastPulledAt: row.optionalDouble(8),
                    status: ImageStatus(rawValue: row.text(9)) ?? .active, lastArchivedAt: row.optionalDouble(10),
                    lastActivatedAt: row.optionalDouble(11)
                )
            )
        }
        return try rows.map { id, image in
            var image = image
            image.tags = try tags(of: id, connection)
            return image
        }
    }

    /// The tags of image row `id`, sorted.
    func tags(of id: Int64, _ connection: SQLConnection) throws -> [String] {
        try connection.rows("SELECT tag FROM tags WHERE image_id = ? ORDER BY tag", [.int64(id)]) { $0.text(0) }
    }
}
