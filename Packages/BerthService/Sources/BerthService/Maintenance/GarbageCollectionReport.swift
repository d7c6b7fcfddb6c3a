/// What one garbage collection pass found and did (or, for a preview, would do).
public struct GarbageCollectionReport: Sendable, Equatable, Codable {
    /// One blob the pass deleted (or would delete).
    public struct Blob: Sendable, Equatable, Codable {
        /// The blob digest.
        public var digest: String
        /// Its size in bytes.
        public var size: Int64
    }

    /// The grace period the pass used, in seconds.
    public var gracePeriodSeconds: Double
    /// True for a preview: nothing was changed.
    public var dryRun: Bool
    /// Blobs the blob store holds that the pass looked at.
    public var blobsScanned = 0
    /// Blobs deleted (a preview: that would be).
    public var blobs: [Blob] = []
    /// Claims an earlier, interrupted pass left, finished by this one.
    public var claimsFinished = 0
    /// Expired upload pins removed.
    public var pinsExpired = 0
    /// Failures the pass logged and went past (a blob it could not delete stays for the next pass).
    public var errors = 0

    /// Bytes freed (a preview: that would be).
    public var bytes: Int64 { blobs.reduce(0) { $0 + $1.size } }
}
