/// A repository and its settings.
public struct RepositoryRecord: Sendable, Equatable {
    /// The repository name (already validated).
    public var name: String
    /// Creation time, epoch seconds.
    public var createdAt: Double
    /// `MUTABLE`, `IMMUTABLE`, `IMMUTABLE_WITH_EXCLUSION` or `MUTABLE_WITH_EXCLUSION`.
    public var imageTagMutability: String
    /// Wildcard filters that flip the mutability rule for matching tags (the `*_WITH_EXCLUSION` modes).
    public var tagMutabilityExclusionFilters: [String]
    /// Whether images are scanned on push (stored and reported).
    public var scanOnPush: Bool
    /// `AES256`, `KMS` or `KMS_DSSE`.
    public var encryptionType: String
    /// The KMS key, when `encryptionType` is a KMS type.
    public var kmsKey: String?
    /// The repository policy document, exactly as set.
    public var policyText: String?
    /// The resource tags, in the order they were given.
    public var resourceTags: [ResourceTag]

    /// A repository record; the defaults are ECR's defaults for a new repository.
    public init(
        name: String, createdAt: Double, imageTagMutability: String = "MUTABLE", tagMutabilityExclusionFilters: [String] = [],
        scanOnPush: Bool = false, encryptionType: String = "AES256", kmsKey: String? = nil, policyText: String? = nil,
        resourceTags: [ResourceTag] = []
    ) {
        self.name = name
        self.createdAt = createdAt
        self.imageTagMutability = imageTagMutability
        self.tagMutabilityExclusionFilters = tagMutabilityExclusionFilters
        self.scanOnPush = scanOnPush
        self.encryptionType = encryptionType
        self.kmsKey = kmsKey
        self.policyText = policyText
        self.resourceTags = resourceTags
    }
}

/// One key/value resource tag.
public struct ResourceTag: Sendable, Equatable, Codable {
    /// The tag's key.
    public var key: String
    /// The tag's value.
    public var value: String

    /// A tag `key` = `value`.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// A stored image: its manifest bytes exactly as pushed, and what was derived from them.
public struct ImageRecord: Sendable, Equatable {
    /// The repository holding the image.
    public var repository: String
    /// `sha256:` + hex SHA-256 of `manifest`.
    public var digest: String
    /// The manifest bytes exactly as pushed.
    public var manifest: [UInt8]
    /// The manifest's media type.
    public var mediaType: String
    /// The artifact type (OCI 1.1 `artifactType`, else the config media type), if any.
    public var artifactType: String?
    /// The digest of the manifest's `subject`, if any.
    public var subjectDigest: String?
    /// Config plus layer sizes (max over children for an index).
    public var sizeInBytes: Int64
    /// Push time, epoch seconds.
    public var pushedAt: Double
    /// Last pull time, epoch seconds.
    public var lastPulledAt: Double?
    /// The tags on this image, sorted.
    public var tags: [String]
    /// Whether the image is in standard storage (pullable), archived, or being restored.
    public var status: ImageStatus
    /// When the image was last archived, epoch seconds.
    public var lastArchivedAt: Double?
    /// When the image was last restored from the archive, epoch seconds.
    public var lastActivatedAt: Double?

    /// An image record.
    public init(
        repository: String, digest: String, manifest: [UInt8], mediaType: String, artifactType: String? = nil, subjectDigest: String? = nil,
        sizeInBytes: Int64, pushedAt: Double, lastPulledAt: Double? = nil, tags: [String] = [], status: ImageStatus = .active,
        lastArchivedAt: Double? = nil, lastActivatedAt: Double? = nil
    ) {
        self.repository = repository
        self.digest = digest
        self.manifest = manifest
        self.mediaType = mediaType
        self.artifactType = artifactType
        self.subjectDigest = subjectDigest
        self.sizeInBytes = sizeInBytes
        self.pushedAt = pushedAt
        self.lastPulledAt = lastPulledAt
        self.tags = tags
        self.status = status
        self.lastArchivedAt = lastArchivedAt
        self.lastActivatedAt = lastActivatedAt
    }
}

/// An image's storage status (ECR's `imageStatus`).
public enum ImageStatus: String, Sendable, Equatable, CaseIterable {
    /// In standard storage: pullable.
    case active = "ACTIVE"
    /// In archive storage: listed, not pullable until restored.
    case archived = "ARCHIVED"
    /// Being restored from the archive.
    case activating = "ACTIVATING"
}

/// One registry document: a registry-wide setting stored as opaque text under its key.
public struct RegistryDocument: Sendable, Equatable {
    /// The key within its kind (a prefix, a setting name, a principal ARN, or `""` for singletons).
    public var key: String
    /// The document, as the service encoded it (JSON).
    public var value: String

    /// A document.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// An image to store, with the blobs and child manifests it references.
public struct NewImage: Sendable, Equatable {
    /// The image itself (`tags` and `lastPulledAt` are ignored).
    public var image: ImageRecord
    /// Digests of the config and layer blobs the manifest references.
    public var blobDigests: [String]
    /// Digests of the manifests an index lists.
    public var childDigests: [String]
    /// Whether the store must find every blob linked (a layer record) and every child stored in the repository inside
    /// the transaction that commits a new image, so a concurrent delete cannot slip between the caller's checks and
    /// the commit (the registry core always asks; bare metadata tests may store images alone).
    public var requiresReferences: Bool

    /// An image to store with the digests it references.
    public init(image: ImageRecord, blobDigests: [String] = [], childDigests: [String] = [], requiresReferences: Bool = false) {
        self.image = image
        self.blobDigests = blobDigests
        self.childDigests = childDigests
        self.requiresReferences = requiresReferences
    }
}

/// What `putImage` did.
public enum PutImageOutcome: Sendable, Equatable {
    /// A new image was stored (and tagged, when a tag was given).
    case created
    /// The image already existed and now carries the tag (moved from `previousDigest` when it was elsewhere).
    case tagged(previousDigest: String?)
    /// Nothing changed: the image exists and already has the tag (or no tag was given).
    case alreadyExists
    /// The tag is immutable and already points at `existingDigest`; nothing changed.
    case tagImmutable(existingDigest: String)
}

/// Which images a listing includes.
public enum TagStatusFilter: String, Sendable {
    /// Every image.
    case any = "ANY"
    /// Images with at least one tag.
    case tagged = "TAGGED"
    /// Images without tags.
    case untagged = "UNTAGGED"
}

/// One entry of ListImages: an image digest with one of its tags (or none for untagged images).
public struct ImageIDRecord: Sendable, Equatable, Comparable {
    /// The image digest.
    public var digest: String
    /// The tag, or nil for an untagged image.
    public var tag: String?

    /// The pair (`digest`, `tag`).
    public init(digest: String, tag: String?) {
        self.digest = digest
        self.tag = tag
    }

    /// Orders by digest, then tag (a nil tag sorts first).
    public static func < (lhs: ImageIDRecord, rhs: ImageIDRecord) -> Bool {
        (lhs.digest, lhs.tag ?? "") < (rhs.digest, rhs.tag ?? "")
    }
}

/// A layer blob uploaded to (or mounted into) a repository.
public struct LayerRecord: Sendable, Equatable {
    /// The repository the blob is linked into.
    public var repository: String
    /// The blob digest.
    public var digest: String
    /// The blob size in bytes.
    public var size: Int64
    /// Upload completion time, epoch seconds.
    public var createdAt: Double
    /// When a push last relied on the link (linked, found by an existence check, uploaded again), epoch seconds:
    /// garbage collection keeps an unreferenced blob while any link to it was used within the grace period.
    public var usedAt: Double

    /// A layer link; `usedAt` defaults to `createdAt`.
    public init(repository: String, digest: String, size: Int64, createdAt: Double, usedAt: Double? = nil) {
        self.repository = repository
        self.digest = digest
        self.size = size
        self.createdAt = createdAt
        self.usedAt = usedAt ?? createdAt
    }
}

/// An upload session in progress (ECR layer upload or OCI blob upload).
public struct UploadRecord: Sendable, Equatable {
    /// The upload id (a UUID), also the blob store's session id.
    public var id: String
    /// The repository the upload goes to.
    public var repository: String
    /// `ecr` (InitiateLayerUpload) or `oci` (/v2 blob upload).
    public var kind: String
    /// Creation time, epoch seconds.
    public var createdAt: Double
    /// Last activity, epoch seconds.
    public var updatedAt: Double
    /// Parts received so far.
    public var partCount: Int
    /// Bytes received so far (the next part starts at this offset).
    public var bytesReceived: Int64
    /// The size of the last part received (ECR's 5 MiB minimum applies to every part but the last).
    public var lastPartSize: Int64
    /// True when some part other than the last was smaller than the minimum part size.
    public var hasUndersizedPart: Bool
    /// The SHA-256 state of the first `bytesReceived` bytes (BerthCrypto's portable export); empty before the first
    /// byte. The host hashes and keeps the state here, so any replica continues the upload and a blob backend only
    /// stores bytes.
    public var hashState: [UInt8]

    /// An upload record.
    public init(
        id: String, repository: String, kind: String, createdAt: Double, updatedAt: Double, partCount: Int = 0, bytesReceived: Int64 = 0,
        lastPartSize: Int64 = 0, hasUndersizedPart: Bool = false, hashState: [UInt8] = []
    ) {
        self.id = id
        self.repository = repository
        self.kind = kind
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.partCount = partCount
        self.bytesReceived = bytesReceived
        self.lastPartSize = lastPartSize
        self.hasUndersizedPart = hasUndersizedPart
        self.hashState = hashState
    }
}

/// What deleting a repository removed.
public struct RepositoryDeletion: Sendable, Equatable {
    /// The repository as it was.
    public var repository: RepositoryRecord
    /// How many images it held.
    public var imageCount: Int
    /// Upload sessions that were open in it (their bytes are the blob store's to discard).
    public var uploadIDs: [String]

    /// A deletion report.
    public init(repository: RepositoryRecord, imageCount: Int, uploadIDs: [String]) {
        self.repository = repository
        self.imageCount = imageCount
        self.uploadIDs = uploadIDs
    }
}
