import BerthModel

// Garbage collection's bookkeeping in memory: the same rules as the SQL store, over every registry scope.
extension MemoryMetadataStore {
    /// True when something keeps blob `digest` alive: an image references it, a link to it was used at or after
    /// `linkCutoff`, or a pin on it lasts beyond `now`.
    private static func isKept(_ digest: String, linkCutoff: Double, now: Double, in state: State) -> Bool {
        if state.blobPins[digest]?.values.contains(where: { $0 > now }) == true { return true }
        return state.repositories.values.contains { repository in
            (repository.layers[digest].map { $0.usedAt >= linkCutoff } ?? false)
                || repository.images.values.contains { $0.blobDigests.contains(digest) }
        }
    }

    /// Of `digests`, the ones nothing keeps alive (claimed ones included).
    public func unreferencedBlobs(among digests: [String], linkCutoff: Double, now: Double) throws -> [String] {
        try withState { state in digests.filter { !Self.isKept($0, linkCutoff: linkCutoff, now: now, in: state) } }
    }

    /// Claims the still-unreferenced of `digests` and removes their stale links, atomically.
    public func claimBlobs(_ digests: [String], linkCutoff: Double, now: Double) throws -> [String] {
        try withState { state in
            let claimed = digests.filter { !Self.isKept($0, linkCutoff: linkCutoff, now: now, in: state) }
            for digest in claimed {
                if state.blobClaims[digest] == nil { state.blobClaims[digest] = now }
                for name in state.repositories.keys { state.repositories[name]?.layers[digest] = nil }
            }
            return claimed
        }
    }

    /// Ends claims.
    public func releaseBlobClaims(_ digests: [String]) throws {
        try withState { state in for digest in digests { state.blobClaims[digest] = nil } }
    }

    /// Every blob claimed now, sorted.
    public func claimedBlobs() throws -> [String] {
        try withState { $0.blobClaims.keys.sorted() }
    }

    /// Pins a blob for `holder` until `expiry` unless it is claimed.
    public func pinBlob(_ digest: String, holder: String, until expiry: Double) throws -> Bool {
        try withState { state in
            guard state.blobClaims[digest] == nil else { return false }
            state.blobPins[digest, default: [:]][holder] = expiry
            return true
        }
    }

    /// Removes pins that expired before `now`.
    @discardableResult public func removeExpiredBlobPins(now: Double) throws -> Int {
        try withState { state in
            var removed = 0
            for (digest, holders) in state.blobPins {
                let live = holders.filter { $0.value >= now }
                removed += holders.count - live.count
                state.blobPins[digest] = live.isEmpty ? nil : live
            }
            return removed
        }
    }

    /// The registry scopes that hold repositories, sorted.
    public func registryScopes() throws -> [String] {
        try withState { state in Set(state.repositories.keys.map(\.registry)).sorted() }
    }
}
