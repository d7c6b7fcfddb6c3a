public import BerthBlobStore
public import BerthMetadata
public import BerthModel
public import Logging

/// Online garbage collection over one blob store and its metadata store, while pushes continue (every registry scope:
/// blobs are shared). A blob goes when no image in any repository references it, no link to it was used within the
/// grace period, and no upload holds a pin on it. Each page of the blob listing is claimed in one metadata
/// transaction (which re-checks all of that and removes the stale links), the claimed bytes are deleted, then the
/// claims are released; while claimed, nothing can link or pin the digest (`Registry+CollectionFence.swift` is the
/// request side). A pass interrupted midway leaves claims the next pass finishes first.
public struct GarbageCollector: Sendable {
    let blobs: any BlobStore
    let metadata: any MetadataStore
    let clock: @Sendable () -> Double
    let logger: Logger
    /// Blobs per listing page, claimed in one transaction.
    let pageSize: Int

    /// A collector over `blobs` and `metadata` (any scope of it: collection is store-wide).
    public init(
        blobs: any BlobStore, metadata: any MetadataStore, clock: @escaping @Sendable () -> Double, logger: Logger = Logger(label: "berth.gc"),
        pageSize: Int = 500
    ) {
        self.blobs = blobs
        self.metadata = metadata
        self.clock = clock
        self.logger = logger
        self.pageSize = pageSize
    }

    /// What `collect(grace:)` would delete now, changing nothing.
    /// - Throws: `RegistryError.backend` when a store fails.
    public func preview(grace: Double) throws -> GarbageCollectionReport {
        var report = GarbageCollectionReport(gracePeriodSeconds: grace, dryRun: true)
        let now = clock()
        try forEachPage { page in
            report.blobsScanned += page.count
            let sizes = Dictionary(page.map { ($0.digest.description, $0.size) }, uniquingKeysWith: { first, _ in first })
            let unreferenced = try guarded {
                try metadata.unreferencedBlobs(among: page.map(\.digest.description), linkCutoff: now - grace, now: now)
            }
            report.blobs += unreferenced.map { GarbageCollectionReport.Blob(digest: $0, size: sizes[$0] ?? 0) }
        }
        return report
    }

    /// Deletes every blob nothing keeps alive (see the type's summary), finishing an interrupted pass's claims first.
    /// A blob that cannot be deleted is logged, counted in `errors` and released for the next pass.
    ///
    /// Two collectors must never run at once (one could delete bytes an upload wrote after the other released its
    /// claim): `holdsLease` renews the caller's exclusive lease and is asked before every claim and every deletion;
    /// when it answers false the pass stops, leaving its claims to the next holder.
    /// - Throws: `RegistryError.backend` when the listing or a claim fails; `GarbageCollectionStopped.leaseLost`.
    public func collect(grace: Double, holdsLease: () throws -> Bool = { true }) throws -> GarbageCollectionReport {
        var report = GarbageCollectionReport(gracePeriodSeconds: grace, dryRun: false)
        func holding() throws {
            guard try holdsLease() else { throw GarbageCollectionStopped.leaseLost }
        }
        try holding()
        let leftover = try guarded { try metadata.claimedBlobs() }
        report.claimsFinished = delete(leftover.map { ($0, nil) }, into: &report, counting: false)
        report.pinsExpired = try guarded { try metadata.removeExpiredBlobPins(now: clock()) }
        try forEachPage { page in
            report.blobsScanned += page.count
            let now = clock()
            let sizes = Dictionary(page.map { ($0.digest.description, $0.size) }, uniquingKeysWith: { first, _ in first })
            try holding()
            let claimed = try guarded { try metadata.claimBlobs(page.map(\.digest.description), linkCutoff: now - grace, now: now) }
            try holding()
            _ = delete(claimed.map { ($0, sizes[$0]) }, into: &report, counting: true)
        }
        return report
    }

    /// Deletes claimed blobs' bytes, then releases the claims (also of blobs that failed: the next pass sees them
    /// again). Returns how many were deleted.
    private func delete(_ claimed: [(digest: String, size: Int64?)], into report: inout GarbageCollectionReport, counting: Bool) -> Int {
        guard !claimed.isEmpty else { return 0 }
        var deleted = 0
        for (text, size) in claimed {
            do {
                guard let digest = Digest(parsing: text) else { throw RegistryError.backend("unparsable digest \(text) in a claim") }
                try blobs.delete(digest)
                deleted += 1
                if counting { report.blobs.append(GarbageCollectionReport.Blob(digest: text, size: size ?? 0)) }
            } catch {
                report.errors += 1
                logger.error("gc: could not delete a blob", metadata: ["digest": "\(text)", "error": "\(error)"])
            }
        }
        do {
            try metadata.releaseBlobClaims(claimed.map(\.digest))
        } catch {
            report.errors += 1
            logger.error("gc: could not release claims (the next pass finishes them)", metadata: ["count": "\(claimed.count)", "error": "\(error)"])
        }
        return deleted
    }

    /// Walks the blob store's listing a page at a time.
    private func forEachPage(_ body: ([BlobInfo]) throws -> Void) throws {
        var after: Digest?
        while true {
            let page = try guarded { try blobs.listBlobs(after: after, limit: pageSize) }
            if !page.isEmpty { try body(page) }
            guard page.count == pageSize, let last = page.last else { return }
            after = last.digest
        }
    }

    /// Runs a store call, turning store failures into `RegistryError.backend`.
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as RegistryError { throw error } catch {
            throw RegistryError.backend(String(describing: error))
        }
    }
}

/// Why a collection pass stopped before the end.
public enum GarbageCollectionStopped: Error, Equatable {
    /// The caller's exclusive lease was lost (another collector may be running): the claims stay for the next holder.
    case leaseLost
}
