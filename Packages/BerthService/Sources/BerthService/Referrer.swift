public import BerthModel

/// A manifest whose `subject` is another image (an OCI 1.1 referrer: a signature, an SBOM, an attestation), as both
/// doors list it: `/v2/<name>/referrers/<digest>` and ECR's ListImageReferrers.
public struct Referrer: Sendable, Equatable {
    /// The referrer's manifest digest.
    public var digest: String
    /// Its manifest media type.
    public var mediaType: String
    /// Its artifact type (`artifactType`, else its config media type), if any.
    public var artifactType: String?
    /// The size of its manifest in bytes.
    public var size: Int64
    /// Its manifest's top-level annotations.
    public var annotations: [String: String]
    /// Its storage status.
    public var status: ImageStatus

    /// A referrer.
    public init(
        digest: String, mediaType: String, artifactType: String?, size: Int64, annotations: [String: String], status: ImageStatus = .active
    ) {
        self.digest = digest
        self.mediaType = mediaType
        self.artifactType = artifactType
        self.size = size
        self.annotations = annotations
        self.status = status
    }
}
