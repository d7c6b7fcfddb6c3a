public import BerthBlobStore
public import BerthMetadata

/// The store both doors share: blob bytes, metadata, configuration and a clock.
public struct Registry: Sendable {
    public let blobs: any BlobStore
    public let metadata: any MetadataStore
    public let configuration: RegistryConfiguration
    /// Now, in epoch seconds (injectable for tests).
    public let clock: @Sendable () -> Double
    /// Serialises work on one upload session within this process.
    let uploadLocks = KeyedLock()

    public init(blobs: any BlobStore, metadata: any MetadataStore, configuration: RegistryConfiguration, clock: @escaping @Sendable () -> Double) {
        self.blobs = blobs
        self.metadata = metadata
        self.configuration = configuration
        self.clock = clock
    }
}
