// Garbage collection's bookkeeping: which blobs nothing keeps alive, claims and pins. Store-wide (every registry scope).
extension SQLMetadataStore {
    /// True when something keeps blob `digest` alive: an image references it, a link to it was used at or after
    /// `linkCutoff`, or a pin on it lasts beyond `now`.
    private static func isKept(_ digest: String, linkCutoff: Double, now: Double, _ connection: SQLConnection) throws -> Bool {
        try connection.row(
            """
            SELECT EXISTS (SELECT 1 FROM image_blobs WHERE blob_digest = ?1) OR EXISTS (SELECT 1 FROM layers WHERE digest = ?1 AND used_at >= ?2) \
            OR EXISTS (SELECT 1 FROM blob_pins WHERE digest = ?1 AND expires_at > ?3)
            """,
            [.text(digest), .real(linkCutoff), .real(now)]
        ) { $0.bool(0) } ?? true
    }

    /// Of `digests`, the ones nothing keeps alive (claimed ones included).
    public func unreferencedBlobs(among digests: [String], linkCutoff: Double, now: Double) throws -> [String] {
        try read { connection in try digests.filter { try !Self.isKept($0, linkCutoff: linkCutoff, now: now, connection) } }
    }

    /// Claims the still-unreferenced of `digests` and removes their stale links, in one write transaction.
    public func claimBlobs(_ digests: [String], linkCutoff: Double, now: Double) throws -> [String] {
        try write { connection in
            var claimed: [String] = []
            for digest in digests where try !Self.isKept(digest, linkCutoff: linkCutoff, now: now, connection) {
                try connection.run(
                    "INSERT INTO blob_claims (digest, claimed_at) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING", [.text(digest), .real(now)])
                try connection.run("DELETE FROM layers WHERE digest = ?", [.text(digest)])
                claimed.append(digest)
            }
            return claimed
        }
    }

    /// Ends claims.
    public func releaseBlobClaims(_ digests: [String]) throws {
        guard !digests.isEmpty else { return }
        try write { connection in
            for digest in digests { try connection.run("DELETE FROM blob_claims WHERE digest = ?", [.text(digest)]) }
        }
    }

    /// Every blob claimed now, sorted.
    public func claimedBlobs() throws -> [String] {
        try read(singleStatement: true) { connection in try connection.rows("SELECT digest FROM blob_claims ORDER BY digest", []) { $0.text(0) } }
    }

    /// Pins a blob for `holder` until `expiry` unless it is claimed.
    public func pinBlob(_ digest: String, holder: String, until expiry: Double) throws -> Bool {
        try write { connection in
            guard try connection.row("SELECT 1 FROM blob_claims WHERE digest = ?", [.text(digest)], { _ in true }) == nil else { return false }
            try connection.run(
                """
                INSERT INTO blob_pins (digest, holder, expires_at) VALUES (?, ?, ?) \
                ON CONFLICT (digest, holder) DO UPDATE SET expires_at = excluded.expires_at
                """,
                [.text(digest), .text(holder), .real(expiry)]
            )
            return true
        }
    }

    /// Removes pins that expired before `now`.
    @discardableResult public func removeExpiredBlobPins(now: Double) throws -> Int {
        try write { connection in try connection.run("DELETE FROM blob_pins WHERE expires_at < ?", [.real(now)]) }
    }

    /// The registry scopes that hold repositories, sorted.
    public func registryScopes() throws -> [String] {
        try read(singleStatement: true) { connection in
            try connection.rows("SELECT DISTINCT registry FROM repositories ORDER BY registry", []) { $0.text(0) }
        }
    }
}
