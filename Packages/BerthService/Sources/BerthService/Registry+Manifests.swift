import BerthCrypto
import BerthMetadata
public import BerthModel
public import BerthWire

/// The result of storing a manifest.
public struct StoredManifest: Sendable, Equatable {
    /// `sha256:` of the exact bytes.
    public var digest: String
    /// The effective media type.
    public var mediaType: String
    /// The parsed document.
    public var document: ManifestDocument
    /// What the metadata store did.
    public var outcome: PutImageOutcome
    /// True when the manifest was archived and pushing it again restored it.
    public var restored = false
}

extension Registry {
    /// The repository named `name`. - Throws: `.repositoryNotFound`.
    public func requireRepository(_ name: String) throws -> RepositoryRecord {
        guard let record = try store({ try metadata.repository(named: name) }) else { throw RegistryError.repositoryNotFound(name) }
        return record
    }

    /// Whether pushing `tag` in `repository` may not move it (IMMUTABLE, or MUTABLE_WITH_EXCLUSION matching it,
    /// unless IMMUTABLE_WITH_EXCLUSION excludes it).
    public func isTagImmutable(_ tag: String, in repository: RepositoryRecord) -> Bool {
        let matchesExclusion = repository.tagMutabilityExclusionFilters.contains { WildcardPattern.matches($0, tag) }
        switch repository.imageTagMutability {
        case "IMMUTABLE": return true
        case "IMMUTABLE_WITH_EXCLUSION": return !matchesExclusion
        case "MUTABLE_WITH_EXCLUSION": return matchesExclusion
        default: return false
        }
    }

    /// Verifies and stores a manifest exactly as pushed, optionally tagging it. Checks the digest the client
    /// named, that every referenced blob (image manifest) or child manifest (index) is in the repository, and
    /// tag immutability. The `subject` of an OCI 1.1 manifest need not exist. With `requireMediaType` (ECR's
    /// PutImage), a manifest without a `mediaType` field needs a declared type: its type is never guessed.
    /// - Throws: `.repositoryNotFound`, `.invalidManifest`, `.mediaTypeRequired`, `.digestMismatch`, `.blobsNotFound`,
    ///   `.referencedManifestsNotFound`, `.tagImmutable`.
    public func putManifest(
        repository name: String, bytes: [UInt8], declaredMediaType: String?, tag: String?, expectedDigest: String?,
        requireMediaType: Bool = false
    ) throws -> StoredManifest {
        let repository = try requireRepository(name)
        let document: ManifestDocument
        do {
            document = try ManifestParser.parse(bytes, declaredMediaType: declaredMediaType)
        } catch {
            throw RegistryError.invalidManifest(error.message)
        }
        if requireMediaType, !document.hasMediaTypeField, declaredMediaType?.isEmpty ?? true { throw RegistryError.mediaTypeRequired }
        let digest = "sha256:" + SHA256Hasher.hexHash(bytes)
        if let expectedDigest, !expectedDigest.hasPrefix("sha256:") { throw RegistryError.unsupportedDigest(expectedDigest) }
        if let expectedDigest, expectedDigest != digest { throw RegistryError.digestMismatch(expected: expectedDigest, computed: digest) }

        var size = document.imageSize
        var children: [String] = []
        if document.isIndex {
            children = document.manifests.map(\.digest)
            var missing: [String] = []
            size = 0
            for child in children {
                if let image = try store({ try metadata.image(repository: name, digest: child) }) {
                    size = max(size, image.sizeInBytes)
                } else {
                    missing.append(child)
                }
            }
            if !missing.isEmpty { throw RegistryError.referencedManifestsNotFound(missing) }
        } else {
            var missing: [String] = []
            for blob in document.requiredBlobDigests where try store({ try metadata.layer(repository: name, digest: blob) }) == nil {
                missing.append(blob)
            }
            if !missing.isEmpty { throw RegistryError.blobsNotFound(missing) }
        }
        let record = ImageRecord(
            repository: name, digest: digest, manifest: bytes, mediaType: document.mediaType,
            artifactType: document.effectiveArtifactType, subjectDigest: document.subject?.digest,
            sizeInBytes: size, pushedAt: clock())
        // The checks above give the precise error early; the store repeats them inside the commit's transaction.
        let image = NewImage(image: record, blobDigests: document.requiredBlobDigests, childDigests: children, requiresReferences: true)
        let immutable = tag.map { isTagImmutable($0, in: repository) } ?? false
        let outcome = try store({ try metadata.putImage(image, tag: tag, tagIsImmutable: immutable) })
        if case .tagImmutable = outcome, let tag { throw RegistryError.tagImmutable(tag: tag, repository: name) }
        var stored = StoredManifest(digest: digest, mediaType: document.mediaType, document: document, outcome: outcome)
        if outcome != .created, let existing = try findImage(in: name, digest: digest), existing.status != .active {
            // Pushing an archived image again restores it, as on ECR.
            _ = try store { try metadata.setImageStatus(repository: name, digest: digest, status: .active, at: clock()) }
            stored.restored = true
        }
        return stored
    }
}
