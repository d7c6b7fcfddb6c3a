public import BerthModel

// Layers, uploads and settings.
extension SQLMetadataStore {
    /// Links a blob into a repository (idempotent; keeps the first record).
    public func putLayer(_ layer: LayerRecord) throws {
        try write { connection in try insertLayer(layer, connection) }
    }

    /// Links a blob inside a write transaction (keeping the first record, moving `used_at` forward).
    /// - Throws: `.repositoryNotFound`, `.blobClaimed`.
    private func insertLayer(_ layer: LayerRecord, _ connection: SQLConnection) throws {
        let repositoryID = try requireRepositoryID(connection, layer.repository)
        guard try connection.row("SELECT 1 FROM blob_claims WHERE digest = ?", [.text(layer.digest)], { _ in true }) == nil else {
            throw MetadataError.blobClaimed(layer.digest)
        }
        try connection.run(
            """
            INSERT INTO layers (repository_id, digest, size, created_at, used_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (repository_id, digest) \
            DO UPDATE SET used_at = excluded.used_at WHERE layers.used_at < excluded.used_at
            """,
            [.int64(repositoryID), .text(layer.digest), .int64(layer.size), .real(layer.createdAt), .real(layer.usedAt)]
        )
    }

    /// The blob `digest` as linked into `repository`, or nil.
    public func layer(repository: String, digest: String) throws -> LayerRecord? {
        try read(singleStatement: true) { connection in
            try connection.row(
                "SELECT size, created_at, used_at FROM layers WHERE \(Self.inRepository) AND digest = ?",
                [.text(registryScope), .text(repository), .text(digest)]
            ) { LayerRecord(repository: repository, digest: digest, size: $0.int64(0), createdAt: $0.double(1), usedAt: $0.double(2)) }
        }
    }

    /// Sets the link's `used_at` to `time`; false when the repository does not link the blob.
    public func touchLayer(repository: String, digest: String, at time: Double) throws -> Bool {
        try write { connection in
            try connection.run(
                "UPDATE layers SET used_at = ? WHERE \(Self.inRepository) AND digest = ?",
                [.real(time), .text(registryScope), .text(repository), .text(digest)]) > 0
        }
    }

    /// True when any repository links the blob.
    public func isLayerLinkedAnywhere(digest: String) throws -> Bool {
        try read(singleStatement: true) { connection in
            try connection.row("SELECT EXISTS (SELECT 1 FROM layers WHERE digest = ?)", [.text(digest)]) { $0.bool(0) } ?? false
        }
    }

    /// Unlinks the blob from `repository`; false when it was not linked. The blob's bytes are GC's to remove.
    @discardableResult public func deleteLayer(repository: String, digest: String) throws -> Bool {
        try write { connection in
            try connection.run(
                "DELETE FROM layers WHERE \(Self.inRepository) AND digest = ?", [.text(registryScope), .text(repository), .text(digest)]) > 0
        }
    }

    static let uploadColumns = """
        u.id, r.name, u.kind, u.created_at, u.updated_at, u.part_count, u.bytes_received, u.last_part_size, u.has_undersized_part, u.hash_state
        """

    /// Stores a new upload session.
    public func createUpload(_ upload: UploadRecord) throws {
        try write { connection in
            let repositoryID = try requireRepositoryID(connection, upload.repository)
            guard try connection.row("SELECT 1 FROM uploads WHERE id = ?", [.text(upload.id)], { _ in true }) == nil else {
                throw MetadataError.backend("upload \(upload.id) already exists")
            }
            try connection.run(
                """
                INSERT INTO uploads (id, repository_id, kind, created_at, updated_at, part_count, bytes_received, last_part_size, \
                has_undersized_part, hash_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(upload.id), .int64(repositoryID), .text(upload.kind), .real(upload.createdAt), .real(upload.updatedAt),
                    .int(upload.partCount), .int64(upload.bytesReceived), .int64(upload.lastPartSize), .bool(upload.hasUndersizedPart),
                    .text(Base64.encode(upload.hashState)),
                ]
            )
        }
    }

    /// The upload with `id`, or nil.
    public func upload(id: String) throws -> UploadRecord? {
        try read(singleStatement: true) { connection in
            try connection.row(
                "SELECT \(Self.uploadColumns) FROM uploads u JOIN repositories r ON r.id = u.repository_id WHERE u.id = ? AND r.registry = ?",
                [.text(id), .text(registryScope)],
                Self.upload
            )
        }
    }

    /// Records an upload's progress when it still stands at `expectedBytes` (compare-and-set).
    public func updateUpload(_ upload: UploadRecord, expectingBytesReceived expectedBytes: Int64) throws {
        try write { connection in
            let changed = try connection.run(
                """
                UPDATE uploads SET updated_at = ?, part_count = ?, bytes_received = ?, last_part_size = ?, has_undersized_part = ?, \
                hash_state = ? WHERE id = ? AND bytes_received = ?
                """,
                [
                    .real(upload.updatedAt), .int(upload.partCount), .int64(upload.bytesReceived), .int64(upload.lastPartSize),
                    .bool(upload.hasUndersizedPart), .text(Base64.encode(upload.hashState)), .text(upload.id), .int64(expectedBytes),
                ]
            )
            guard changed == 0 else { return }
            guard try connection.row("SELECT 1 FROM uploads WHERE id = ?", [.text(upload.id)], { _ in true }) != nil else {
                throw MetadataError.uploadNotFound(upload.id)
            }
            throw MetadataError.conflict("upload \(upload.id) no longer stands at byte \(expectedBytes)")
        }
    }

    /// Links the upload's blob and removes the upload, in one transaction.
    public func completeUpload(id: String, layer: LayerRecord) throws {
        try write { connection in
            guard try connection.run("DELETE FROM uploads WHERE id = ?", [.text(id)]) > 0 else { throw MetadataError.uploadNotFound(id) }
            try insertLayer(layer, connection)
            try connection.run("DELETE FROM blob_pins WHERE digest = ? AND holder = ?", [.text(layer.digest), .text(id)])
        }
    }

    /// Takes or renews a lease unless another holder's is live.
    public func acquireLease(_ name: String, holder: String, until expiry: Double, now: Double) throws -> Bool {
        try write { connection in
            try connection.run(
                """
                INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE \
                SET holder = excluded.holder, expires_at = excluded.expires_at WHERE leases.holder = excluded.holder OR leases.expires_at <= ?
                """,
                [.text(name), .text(holder), .real(expiry), .real(now)]
            ) > 0
        }
    }

    /// Gives the lease up if `holder` holds it.
    public func releaseLease(_ name: String, holder: String) throws {
        try write { connection in _ = try connection.run("DELETE FROM leases WHERE name = ? AND holder = ?", [.text(name), .text(holder)]) }
    }

    /// Removes an upload session; returns false when there was none.
    @discardableResult public func deleteUpload(id: String) throws -> Bool {
        try write { connection in try connection.run("DELETE FROM uploads WHERE id = ?", [.text(id)]) > 0 }
    }

    /// Uploads whose last activity is before `time`, sorted by last activity then id.
    public func listUploads(updatedBefore time: Double) throws -> [UploadRecord] {
        try read(singleStatement: true) { connection in
            try connection.rows(
                """
                SELECT \(Self.uploadColumns) FROM uploads u JOIN repositories r ON r.id = u.repository_id
                WHERE u.updated_at < ? ORDER BY u.updated_at, u.id
                """,
                [.real(time)],
                Self.upload
            )
        }
    }

    /// A stored setting, or nil.
    public func setting(_ name: String) throws -> String? {
        try read(singleStatement: true) { connection in try connection.row("SELECT value FROM settings WHERE name = ?", [.text(name)]) { $0.text(0) }
        }
    }

    /// Stores `value` under `name` unless a value is there; returns the value now stored.
    public func setSettingIfAbsent(_ name: String, value: String) throws -> String {
        try write { connection in
            try connection.run("INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", [.text(name), .text(value)])
            return try connection.row("SELECT value FROM settings WHERE name = ?", [.text(name)]) { $0.text(0) } ?? value
        }
    }

    /// Stores or replaces a setting.
    public func setSetting(_ name: String, value: String) throws {
        try write { connection in
            try connection.run(
                "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                [.text(name), .text(value)]
            )
        }
    }

    private static func upload(_ row: SQLRow) -> UploadRecord {
        UploadRecord(
            id: row.text(0), repository: row.text(1), kind: row.text(2), createdAt: row.double(3), updatedAt: row.double(4),
            partCount: row.int(5), bytesReceived: row.int64(6), lastPartSize: row.int64(7), hasUndersizedPart: row.bool(8),
            hashState: Base64.decode(row.text(9)).map(Array.init) ?? []
        )
    }
}
