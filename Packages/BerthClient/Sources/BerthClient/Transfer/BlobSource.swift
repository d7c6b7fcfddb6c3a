public import BerthModel

/// A blob to push: its digest and size, and where its bytes are (a whole file, or a member inside a tar).
public struct BlobSource: Sendable, Equatable {
    /// The digest the registry will check.
    public var digest: Digest
    /// The size in bytes.
    public var size: Int64
    /// The file holding the bytes.
    public var path: String
    /// Where in `path` the bytes start.
    public var offset: Int64

    /// A blob of `size` bytes at `offset` in `path`.
    public init(digest: Digest, size: Int64, path: String, offset: Int64 = 0) {
        self.digest = digest
        self.size = size
        self.path = path
        self.offset = offset
    }
}

/// A manifest to push: the exact bytes, media type and digest.
public struct ManifestSource: Sendable, Equatable {
    /// The bytes, pushed as they are.
    public var bytes: [UInt8]
    /// The media type (`Content-Type`).
    public var mediaType: String
    /// The SHA-256 of `bytes`.
    public var digest: Digest

    /// A manifest.
    public init(bytes: [UInt8], mediaType: String, digest: Digest) {
        self.bytes = bytes
        self.mediaType = mediaType
        self.digest = digest
    }
}

/// Everything one push sends: blobs (each once), then child manifests by digest, then the top manifest by tag.
public struct PushPlan: Sendable {
    /// The blobs, deduplicated.
    public var blobs: [BlobSource]
    /// The child manifests of an index, pushed by digest before the top one (empty for a single image).
    public var children: [ManifestSource]
    /// The manifest the tag points at.
    public var top: ManifestSource

    /// A plan.
    public init(blobs: [BlobSource], children: [ManifestSource], top: ManifestSource) {
        self.blobs = blobs
        self.children = children
        self.top = top
    }
}
