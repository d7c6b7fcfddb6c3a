public import BerthBlobStore
public import BerthMetadata
public import Logging

/// One pass of the worker over the stores: every registry scope's lifecycle policies (expire, archive), then upload
/// expiry, then garbage collection, so blobs an expired image held go in the same pass when their links are stale.
public struct MaintenancePass: Sendable {
    /// What the pass does.
    public struct Settings: Sendable {
        /// Garbage collection's grace period, seconds.
        public var gcGrace: Double
        /// Upload sessions idle for longer than this go, seconds.
        public var uploadMaxAge: Double
        /// Only report what would be done.
        public var dryRun: Bool

        /// Settings for a pass.
        public init(gcGrace: Double, uploadMaxAge: Double, dryRun: Bool) {
            self.gcGrace = gcGrace
            self.uploadMaxAge = uploadMaxAge
            self.dryRun = dryRun
        }
    }

    /// What one pass did.
    public struct Report: Sendable {
        /// Garbage collection (a dry run: its preview).
        public var gc: GarbageCollectionReport
        /// Upload expiry.
        public var uploads: UploadExpiry.Report
        /// Repositories whose lifecycle policy ran.
        public var lifecyclePolicies = 0
        /// Images expired by lifecycle policies (a dry run: that would be).
        public var imagesExpired = 0
        /// Images archived by lifecycle policies (a dry run: that would be).
        public var imagesArchived = 0
        /// Lifecycle failures logged and gone past.
        public var lifecycleErrors = 0
    }

    let blobs: any BlobStore
    let metadata: any MetadataStore
    let base: RegistryConfiguration
    let clock: @Sendable () -> Double
    let holder: String
    let logger: Logger

    /// A pass over `blobs` and `metadata` (unscoped: each registry scope is visited); `base` gives the account and
    /// URLs the per-region registries use; upload leases are taken as `holder`.
    public init(
        blobs: any BlobStore, metadata: any MetadataStore, base: RegistryConfiguration, clock: @escaping @Sendable () -> Double, holder: String,
        logger: Logger
    ) {
        self.blobs = blobs
        self.metadata = metadata
        self.base = base
        self.clock = clock
        self.holder = holder
        self.logger = logger
    }

    /// Runs the pass; `holdsLease` renews the worker's exclusive lease (garbage collection asks it before every claim
    /// and deletion, and stops when it is lost).
    /// - Throws: `RegistryError.backend` when a store fails in a way the pass cannot go past,
    ///   `GarbageCollectionStopped.leaseLost`.
    public func run(_ settings: Settings, holdsLease: () throws -> Bool = { true }) throws -> Report {
        var lifecycle = (policies: 0, expired: 0, archived: 0, errors: 0)
        let scopes: [String]
        do { scopes = try metadata.registryScopes() } catch { throw RegistryError.backend(String(describing: error)) }
        for scope in scopes {
            var configuration = base
            configuration.region = scope
            let registry = Registry(
                blobs: blobs, metadata: metadata.scoped(toRegistry: scope), configuration: configuration, clock: clock, logger: logger)
            for repository in try registry.allRepositoryNames() {
                do {
                    if settings.dryRun {
                        let stored: StoredLifecyclePolicy
                        do { stored = try registry.lifecyclePolicy(repository: repository) } catch RegistryError.lifecyclePolicyNotFound { continue }
                        let decisions = try registry.lifecycleDecisions(
                            repository: repository, policy: try LifecyclePolicy(parsing: stored.text), now: clock())
                        lifecycle.policies += 1
                        lifecycle.expired += decisions.filter { $0.action == .expire }.count
                        lifecycle.archived += decisions.filter { $0.action == .transition }.count
                    } else if let outcome = try registry.applyLifecyclePolicy(repository: repository) {
                        lifecycle.policies += 1
                        lifecycle.expired += outcome.expired.count
                        lifecycle.archived += outcome.archived.count
                        if !outcome.expired.isEmpty || !outcome.archived.isEmpty || !outcome.skipped.isEmpty {
                            logger.info(
                                "lifecycle applied",
                                metadata: [
                                    "region": "\(scope)", "repository": "\(repository)", "expired": "\(outcome.expired.count)",
                                    "archived": "\(outcome.archived.count)", "skipped": "\(outcome.skipped.count)",
                                ])
                        }
                    }
                } catch {
                    lifecycle.errors += 1
                    logger.error("lifecycle failed", metadata: ["region": "\(scope)", "repository": "\(repository)", "error": "\(error)"])
                }
            }
        }
        let expiry = UploadExpiry(blobs: blobs, metadata: metadata, clock: clock, holder: holder, logger: logger)
        let uploads = try expiry.expire(olderThan: settings.uploadMaxAge, dryRun: settings.dryRun)
        let collector = GarbageCollector(blobs: blobs, metadata: metadata, clock: clock, logger: logger)
        let gc =
            settings.dryRun ? try collector.preview(grace: settings.gcGrace) : try collector.collect(grace: settings.gcGrace, holdsLease: holdsLease)
        return Report(
            gc: gc, uploads: uploads, lifecyclePolicies: lifecycle.policies, imagesExpired: lifecycle.expired, imagesArchived: lifecycle.archived,
            lifecycleErrors: lifecycle.errors)
    }
}
