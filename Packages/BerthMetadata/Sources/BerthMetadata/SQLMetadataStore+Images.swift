public import BerthModel

// Images and tags: writes.
extension SQLMetadataStore {
    /// Stores an image and optionally points `tag` at it, following the rules of `PutImageOutcome`.
    public func putImage(_ image: NewImage, tag: String?, tagIsImmutable: Bool) throws -> PutImageOutcome {
        try write { connection in
            let repositoryID = try requireRepositoryID(connection, image.image.repository)
            let existing = try connection.row(
                "SELECT id FROM images WHERE repository_id = ? AND digest = ?",
                [.int64(repositoryID), .text(image.image.digest)]
            ) { $0.int64(0) }
            guard let tag else {
                if existing != nil { return .alreadyExists }
                _ = try insert(image, repositoryID: repositoryID, connection)
                return .created
            }
            let current = try connection.row(
                "SELECT i.digest FROM tags t JOIN images i ON i.id = t.image_id WHERE t.repository_id = ? AND t.tag = ?",
                [.int64(repositoryID), .text(tag)]
            ) { $0.text(0) }
            if current == image.image.digest { return .alreadyExists }
            if let current, tagIsImmutable { return .tagImmutable(existingDigest: current) }
            let imageID = try existing ?? insert(image, repositoryID: repositoryID, connection)
            try connection.run(
                """
                INSERT INTO tags (repository_id, tag, image_id) VALUES (?, ?, ?)
                ON CONFLICT (repository_id, tag) DO UPDATE SET image_id = excluded.image_id
                """,
                [.int64(repositoryID), .text(tag), .int64(imageID)]
            )
            return existing == nil ? .created : .tagged(previousDigest: current)
        }
    }

    /// Deletes the image with its tags, blob links and child links; returns its tags, or nil when absent.
    public func deleteImage(repository: String, digest: String) throws -> [String]? {
        try write { connection in
            guard
                let id = try connection.row(
                    "SELECT id FROM images WHERE \(Self.inRepository) AND digest = ?",
                    [.text(registryScope), .text(repository), .text(digest)],
                    { $0.int64(0) }
                )
            else { return nil }
            let tags = try tags(of: id, connection)
            try connection.run("DELETE FROM images WHERE id = ?", [.int64(id)])
            return tags
        }
    }

    /// Removes `tag`, and with `deleteUntaggedImage` its image when no tag is left.
    public func removeTag(repository: String, tag: String, deleteUntaggedImage: Bool) throws -> (digest: String, imageDeleted: Bool)? {
        let result: TagRemoval? = try write { connection in
            guard let repositoryID = try repositoryID(connection, repository),
                let found = try connection.row(
                    "SELECT i.id, i.digest FROM tags t JOIN images i ON i.id = t.image_id WHERE t.repository_id = ? AND t.tag = ?",
                    [.int64(repositoryID), .text(tag)],
                    { ($0.int64(0), $0.text(1)) }
                )
            else { return nil }
            let (imageID, digest) = found
            try connection.run("DELETE FROM tags WHERE repository_id = ? AND tag = ?", [.int64(repositoryID), .text(tag)])
            guard deleteUntaggedImage, try tags(of: imageID, connection).isEmpty else { return TagRemoval(digest: digest, imageDeleted: false) }
            try connection.run("DELETE FROM images WHERE id = ?", [.int64(imageID)])
            return TagRemoval(digest: digest, imageDeleted: true)
        }
        return result.map { ($0.digest, $0.imageDeleted) }
    }

    /// Records a pull of an image (no effect when there is no such image).
    public func recordPull(repository: String, digest: String, at time: Double) throws {
        try write { connection in
            try connection.run(
                "UPDATE images SET last_pulled_at = ? WHERE \(Self.inRepository) AND digest = ?",
                [.real(time), .text(registryScope), .text(repository), .text(digest)]
            )
        }
    }

    /// Inserts the image row and its blob and child links; returns the new row id. With `requiresReferences`, first
    /// checks (in the caller's transaction) that the repository links every blob and holds every child.
    /// - Throws: `MetadataError.referencesMissing`.
    private func insert(_ new: NewImage, repositoryID: Int64, _ connection: SQLConnection) throws -> Int64 {
        if new.requiresReferences {
            let blobs = try Set(new.blobDigests).sorted().filter { digest in
                try connection.row("SELECT 1 FROM layers WHERE repository_id = ? AND digest = ?", [.int64(repositoryID), .text(digest)]) { _ in true }
                    == nil
            }
            let manifests = try Set(new.childDigests).sorted().filter { digest in
                try connection.row("SELECT 1 FROM images WHERE repository_id = ? AND digest = ?", [.int64(repositoryID), .text(digest)]) { _ in true }
                    == nil
            }
            guard blobs.isEmpty, manifests.isEmpty else { throw MetadataError.referencesMissing(blobs: blobs, manifests: manifests) }
        }
        let image = new.image
        let inserted = try connection.row(
            """
            INSERT INTO images (repository_id, digest, manifest, media_type, artifact_type, subject_digest, size, pushed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            [
                .int64(repositoryID), .text(image.digest), .blob(image.manifest), .text(image.mediaType), .string(image.artifactType),
                .string(image.subjectDigest), .int64(image.sizeInBytes), .real(image.pushedAt),
            ]
        ) { $0.int64(0) }
        guard let id = inserted else { throw MetadataError.backend("INSERT INTO images returned no id") }
        for blob in new.blobDigests {
            try connection.run(
                "INSERT INTO image_blobs (repository_id, image_id, blob_digest) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [.int64(repositoryID), .int64(id), .text(blob)]
            )
        }
        for child in new.childDigests {
            try connection.run(
                "INSERT INTO image_children (repository_id, parent_id, child_digest) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [.int64(repositoryID), .int64(id), .text(child)]
            )
        }
        return id
    }
}

/// The result of `removeTag`, as a Sendable struct (tuples cross the lock less easily).
private struct TagRemoval: Sendable {
    var digest: String
    var imageDeleted: Bool
}
