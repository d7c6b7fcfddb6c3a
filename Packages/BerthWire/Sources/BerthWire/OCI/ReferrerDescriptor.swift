public import BerthModel

/// One entry of a referrers response: the descriptor of a manifest whose `subject` is the requested digest.
public struct ReferrerDescriptor: Sendable, Hashable {
    /// The referrer manifest's media type.
    public var mediaType: String
    /// The referrer manifest's digest.
    public var digest: Digest
    /// The referrer manifest's size in bytes.
    public var size: Int64
    /// The manifest's `artifactType`, else its config media type; nil for an index without one
    /// (`ManifestDocument.effectiveArtifactType`).
    public var artifactType: String?
    /// The manifest's top-level annotations.
    public var annotations: [String: String]

    /// Creates a descriptor.
    /// - Parameters:
    ///   - mediaType: The manifest media type.
    ///   - digest: The manifest digest.
    ///   - size: The manifest size.
    ///   - artifactType: The effective artifact type, if any.
    ///   - annotations: The manifest annotations.
    public init(mediaType: String, digest: Digest, size: Int64, artifactType: String? = nil, annotations: [String: String] = [:]) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.artifactType = artifactType
        self.annotations = annotations
    }
}
