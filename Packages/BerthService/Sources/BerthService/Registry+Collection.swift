extension Registry {
    /// What garbage collection with `grace` seconds would delete now, and how many uploads idle for more than
    /// `uploadMaxAge` seconds it would expire (store-wide; nothing changes). `berth gc --dry-run` asks this.
    /// - Throws: `.backend` when a store fails.
    public func previewGarbageCollection(grace: Double, uploadMaxAge: Double) throws -> (GarbageCollectionReport, UploadExpiry.Report) {
        let collector = GarbageCollector(blobs: blobs, metadata: metadata, clock: clock, logger: logger)
        let expiry = UploadExpiry(blobs: blobs, metadata: metadata, clock: clock, holder: instanceID, logger: logger)
        return (try collector.preview(grace: grace), try expiry.expire(olderThan: uploadMaxAge, dryRun: true))
    }
}
