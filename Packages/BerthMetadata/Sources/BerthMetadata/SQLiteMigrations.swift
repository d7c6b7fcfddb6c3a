/// The schema, as numbered migrations applied in order. Migration `n` (1-based) brings `PRAGMA user_version`
/// from `n - 1` to `n` in one transaction. Never edit a shipped migration: append a new one.
enum SQLiteMigrations {
    static let all: [String] = [
        // 1: repositories, images and tags, blob and child links, layers, uploads, settings.
        """
        CREATE TABLE repositories (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at REAL NOT NULL,
            image_tag_mutability TEXT NOT NULL,
            tag_mutability_exclusion_filters TEXT NOT NULL DEFAULT '[]',
            scan_on_push INTEGER NOT NULL DEFAULT 0,
            encryption_type TEXT NOT NULL,
            kms_key TEXT,
            policy_text TEXT,
            resource_tags TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE images (
            id INTEGER PRIMARY KEY,
            repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            digest TEXT NOT NULL,
            manifest BLOB NOT NULL,
            media_type TEXT NOT NULL,
            artifact_type TEXT,
            subject_digest TEXT,
            size INTEGER NOT NULL,
            pushed_at REAL NOT NULL,
            last_pulled_at REAL,
            UNIQUE (repository_id, digest)
        );
        CREATE INDEX images_by_subject ON images(repository_id, subject_digest, digest);
        CREATE TABLE tags (
            repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            PRIMARY KEY (repository_id, tag)
        ) WITHOUT ROWID;
        CREATE INDEX tags_by_image ON tags(image_id, tag);
        CREATE TABLE image_blobs (
            repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            blob_digest TEXT NOT NULL,
            PRIMARY KEY (image_id, blob_digest)
        ) WITHOUT ROWID;
        CREATE INDEX image_blobs_by_blob ON image_blobs(repository_id, blob_digest);
        CREATE TABLE image_children (
            repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            parent_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            child_digest TEXT NOT NULL,
            PRIMARY KEY (parent_id, child_digest)
        ) WITHOUT ROWID;
        CREATE INDEX image_children_by_child ON image_children(repository_id, child_digest);
        CREATE TABLE layers (
            repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            digest TEXT NOT NULL,
            size INTEGER NOT NULL,
            created_at REAL NOT NULL,
            PRIMARY KEY (repository_id, digest)
        ) WITHOUT ROWID;
        CREATE INDEX layers_by_digest ON layers(digest);
        CREATE TABLE uploads (
            id TEXT PRIMARY KEY,
            repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            part_count INTEGER NOT NULL,
            bytes_received INTEGER NOT NULL,
            last_part_size INTEGER NOT NULL,
            has_undersized_part INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX uploads_by_repository ON uploads(repository_id);
        CREATE INDEX uploads_by_update ON uploads(updated_at);
        CREATE TABLE settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
        // 2: registries (a repository name is unique per registry scope, i.e. per region), image storage status,
        // registry documents and repository documents. Rebuilds `repositories` (SQLite cannot drop its old UNIQUE
        // (name)); `migrate` runs this one with foreign keys off, so the rebuild cascades nothing. Existing
        // repositories get scope '' until berth-server adopts them into its default region.
        """
        CREATE TABLE repositories_v2 (
            id INTEGER PRIMARY KEY,
            registry TEXT NOT NULL DEFAULT '',
            name TEXT NOT NULL,
            created_at REAL NOT NULL,
            image_tag_mutability TEXT NOT NULL,
            tag_mutability_exclusion_filters TEXT NOT NULL DEFAULT '[]',
            scan_on_push INTEGER NOT NULL DEFAULT 0,
            encryption_type TEXT NOT NULL,
            kms_key TEXT,
            policy_text TEXT,
            resource_tags TEXT NOT NULL DEFAULT '[]',
            UNIQUE (registry, name)
        );
        INSERT INTO repositories_v2 (id, registry, name, created_at, image_tag_mutability, tag_mutability_exclusion_filters, scan_on_push,
            encryption_type, kms_key, policy_text, resource_tags)
            SELECT id, '', name, created_at, image_tag_mutability, tag_mutability_exclusion_filters, scan_on_push, encryption_type, kms_key,
            policy_text, resource_tags FROM repositories;
        DROP TABLE repositories;
        ALTER TABLE repositories_v2 RENAME TO repositories;
        ALTER TABLE images ADD COLUMN status TEXT NOT NULL DEFAULT 'ACTIVE';
        ALTER TABLE images ADD COLUMN last_archived_at REAL;
        ALTER TABLE images ADD COLUMN last_activated_at REAL;
        CREATE INDEX images_by_status ON images(repository_id, status, digest);
        CREATE TABLE registry_documents (
            registry TEXT NOT NULL,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (registry, kind, key)
        ) WITHOUT ROWID;
        CREATE TABLE repository_documents (
            repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (repository_id, kind)
        ) WITHOUT ROWID;
        """,
        // 3: the host hashes uploads and keeps the SHA-256 state with the upload (blob stores only keep bytes), and
        // leases. Uploads in flight across this upgrade carried their hash state in the blob store; they are dropped
        // (clients start them again; their bytes go with the worker's upload expiry).
        """
        DELETE FROM uploads;
        ALTER TABLE uploads ADD COLUMN hash_state TEXT NOT NULL DEFAULT '';
        CREATE TABLE leases (
            name TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            expires_at REAL NOT NULL
        ) WITHOUT ROWID;
        """,
        // 4: online garbage collection. A layer link remembers when a push last relied on it (`used_at`); claims mark
        // the blobs a collector is deleting (nothing may link them meanwhile); pins mark blobs an upload is
        // committing (no collector may claim them meanwhile). `image_blobs_by_digest` answers "does any image use it".
        """
        ALTER TABLE layers ADD COLUMN used_at REAL NOT NULL DEFAULT 0;
        UPDATE layers SET used_at = created_at;
        CREATE INDEX image_blobs_by_digest ON image_blobs(blob_digest);
        CREATE TABLE blob_claims (
            digest TEXT PRIMARY KEY,
            claimed_at REAL NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE blob_pins (
            digest TEXT NOT NULL,
            holder TEXT NOT NULL,
            expires_at REAL NOT NULL,
            PRIMARY KEY (digest, holder)
        ) WITHOUT ROWID;
        """,
    ]

    /// Migrations that rebuild a table others reference: run with foreign keys off (a pragma SQLite ignores inside a
    /// transaction), then checked with `foreign_key_check` before they commit.
    static let rebuildingMigrations: Set<Int> = [2]

    /// The schema version a fully migrated database has.
    static var latestVersion: Int { all.count }

    /// The database's `user_version`.
    static func version(of connection: SQLConnection) throws -> Int {
        try connection.row("PRAGMA user_version") { $0.int(0) } ?? 0
    }

    /// Applies every migration the database lacks, each in its own immediate transaction (re-checking the
    /// version inside it, so two processes opening a new file together apply each migration once).
    /// - Throws: `MetadataError.backend` when the database is newer than this build.
    static func migrate(_ connection: SQLConnection) throws {
        let current = try version(of: connection)
        guard current <= latestVersion else {
            throw MetadataError.backend("database schema version \(current) is newer than this build's \(latestVersion)")
        }
        for (index, script) in all.enumerated() where index >= current {
            let rebuilds = rebuildingMigrations.contains(index + 1)
            if rebuilds { try connection.execute("PRAGMA foreign_keys=OFF") }
            let outcome = Result {
                try connection.transaction(.immediate) {
                    guard try version(of: connection) == index else { return }
                    try connection.execute(script)
                    if rebuilds, try connection.row("PRAGMA foreign_key_check", [], { _ in true }) != nil {
                        throw MetadataError.backend("migration \(index + 1) left rows with broken foreign keys")
                    }
                    try connection.execute("PRAGMA user_version = \(index + 1)")
                }
            }
            if rebuilds { try connection.execute("PRAGMA foreign_keys=ON") }
            try outcome.get()
        }
    }
}
