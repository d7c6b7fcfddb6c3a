import BerthModel
import Foundation

/// A content descriptor inside a manifest: `{mediaType, digest, size, ...}`.
public struct ManifestDescriptor: Sendable, Equatable {
    public var mediaType: String?
    /// The digest exactly as written in the manifest.
    public var digest: String
    public var size: Int64
    public var artifactType: String?
    public var annotations: [String: String]
    /// True for layers the registry need not hold (foreign / non-distributable, or with `urls`).
    public var isForeign: Bool

    public init(
        mediaType: String?, digest: String, size: Int64, artifactType: String? = nil, annotations: [String: String] = [:], isForeign: Bool = false
    ) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.artifactType = artifactType
        self.annotations = annotations
        self.isForeign = isForeign
    }
}

/// What Berth needs from a manifest: its kind, what it references, and its OCI 1.1 artifact fields. The bytes
/// themselves are never re-serialised: the digest is always of the exact bytes pushed.
public struct ManifestDocument: Sendable, Equatable {
    /// The effective media type (from the document, or inferred from its shape when it has none).
    public var mediaType: String
    /// The config descriptor of an image manifest.
    public var config: ManifestDescriptor?
    /// Layer descriptors of an image manifest.
    public var layers: [ManifestDescriptor]
    /// Child manifests of an index / manifest list.
    public var manifests: [ManifestDescriptor]
    /// The OCI 1.1 `subject`, if any.
    public var subject: ManifestDescriptor?
    /// The OCI 1.1 `artifactType`, if any.
    public var artifactType: String?
    /// Top-level annotations.
    public var annotations: [String: String]
    /// True when the document itself has a `mediaType` field (ECR's PutImage requires the field or a declared type).
    public var hasMediaTypeField: Bool = false

    /// True for indexes and manifest lists.
    public var isIndex: Bool { MediaType.indexTypes.contains(mediaType) }

    /// The artifact type as the referrers API reports it: `artifactType`, else the config media type (images only).
    /// An empty text counts as none.
    public var effectiveArtifactType: String? {
        if let artifactType, !artifactType.isEmpty { return artifactType }
        if isIndex { return nil }
        guard let configType = config?.mediaType, !configType.isEmpty else { return nil }
        return configType
    }

    /// Config plus layer sizes, as ECR reports `imageSizeInBytes` for an image manifest.
    public var imageSize: Int64 {
        (config?.size ?? 0) + layers.reduce(0) { $0 + $1.size }
    }

    /// Every blob digest an image manifest references that the registry must hold (config and non-foreign layers).
    public var requiredBlobDigests: [String] {
        var digests: [String] = []
        if let config { digests.append(config.digest) }
        for layer in layers where !layer.isForeign { digests.append(layer.digest) }
        var seen = Set<String>()
        return digests.filter { seen.insert($0).inserted }
    }
}

/// Why a manifest was refused.
public struct ManifestError: Error, Sendable, Equatable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
