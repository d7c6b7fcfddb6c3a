/// What Berth's garbage collector would remove now (`BerthAdmin_20261205.PreviewGarbageCollection`): blobs no
/// manifest references that are older than the grace period, and upload sessions past it.
public struct GarbageCollectionPreview: Codable, Sendable, Equatable {
    /// One blob the collector would delete.
    public struct Blob: Codable, Sendable, Equatable {
        /// Its digest (`sha256:...`).
        public var digest: String
        /// Its size in bytes.
        public var size: Int64

        /// Creates a blob entry.
        public init(digest: String, size: Int64) {
            self.digest = digest
            self.size = size
        }
    }

    /// The grace period the server applied, in seconds.
    public var gracePeriodSeconds: Int
    /// How many blobs the server looked at.
    public var blobsScanned: Int
    /// The blobs it would delete.
    public var blobs: [Blob]
    /// Their total size in bytes.
    public var bytes: Int64
    /// How many expired upload sessions it would remove.
    public var expiredUploads: Int

    /// Creates a preview.
    public init(gracePeriodSeconds: Int, blobsScanned: Int, blobs: [Blob], bytes: Int64, expiredUploads: Int) {
        self.gracePeriodSeconds = gracePeriodSeconds
        self.blobsScanned = blobsScanned
        self.blobs = blobs
        self.bytes = bytes
        self.expiredUploads = expiredUploads
    }
}
