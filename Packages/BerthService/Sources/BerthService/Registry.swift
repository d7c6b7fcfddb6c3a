public import BerthBlobStore
import BerthCrypto
public import BerthMetadata
public import Logging

/// The store both doors share: blob bytes, metadata, configuration and a clock.
public struct Registry: Sendable {
    public let blobs: any BlobStore
    public let metadata: any MetadataStore
    public let configuration: RegistryConfiguration
    /// Now, in epoch seconds (injectable for tests).
    public let clock: @Sendable () -> Double
    /// Decides who may do what (`authorize`).
    let authorizer: any Authorizer
    /// Where the core reports failures no answer carries (best-effort cleanups).
    let logger: Logger
    /// Serialises work on one upload session within this process.
    let uploadLocks = KeyedLock()
    /// This registry value's name as a lease holder (upload leases keep replicas from writing one upload at once).
    let instanceID = SecureRandom.uuid()

    /// Runs `body` while no other request of this process works on upload `id`: two PATCHes to one session must
    /// not both append, so the second sees the first's result (and gets 416 if it claimed the same range).
    public func withUploadLock<T: Sendable>(_ id: String, _ body: () async throws -> T) async throws -> T {
        try await uploadLocks.withLock(id, body)
    }

    /// Like `withUploadLock`, but returns nil at once when another request is working on the upload (the OCI door
    /// refuses such a chunk with 416 instead of queueing it behind a body that may never finish).
    public func withUploadLockIfFree<T: Sendable>(_ id: String, _ body: () async throws -> T) async throws -> T? {
        try await uploadLocks.withLockIfFree(id, body)
    }

    /// A registry over `blobs` and `metadata`. Without an `authorizer`, the account's root principal may do
    /// everything (`RootAuthorizer`).
    public init(
        blobs: any BlobStore, metadata: any MetadataStore, configuration: RegistryConfiguration, clock: @escaping @Sendable () -> Double,
        authorizer: (any Authorizer)? = nil, logger: Logger = Logger(label: "berth.registry")
    ) {
        self.blobs = blobs
        self.metadata = metadata
        self.configuration = configuration
        self.clock = clock
        self.authorizer = authorizer ?? RootAuthorizer(accountID: configuration.accountID)
        self.logger = logger
    }

    /// Runs a cleanup whose failure must not change the request's answer (the answer is already decided), and
    /// logs the failure with the request id instead of hiding it.
    func cleanUp(_ what: String, _ body: () throws -> Void) {
        do {
            try body()
        } catch {
            logger.error(
                "cleanup failed", metadata: ["request_id": "\(RequestTrace.requestID ?? "-")", "cleanup": "\(what)", "cause": "\(error)"])
        }
    }
}
