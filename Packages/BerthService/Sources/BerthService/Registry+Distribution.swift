import BerthMetadata
public import BerthModel
import BerthWire

extension Registry {
    /// The image a tag or digest names in `repository`. - Throws: `.repositoryNotFound`, `.imageNotFound`.
    public func manifest(repository: String, tag: String) throws -> ImageRecord {
        // The hot path of every pull: one query; the repository is looked up only to tell which 404 to send.
        guard let image = try store({ try metadata.image(repository: repository, tag: tag) }) else {
            _ = try requireRepository(repository)
            throw RegistryError.imageNotFound("manifest tagged \(tag) is not in repository \(repository)")
        }
        try Self.requirePullable(image)
        return image
    }

    /// The image with `digest` in `repository`. - Throws: `.repositoryNotFound`, `.imageNotFound`.
    public func manifest(repository: String, digest: Digest) throws -> ImageRecord {
        guard let image = try store({ try metadata.image(repository: repository, digest: digest.description) }) else {
            _ = try requireRepository(repository)
            throw RegistryError.imageNotFound("manifest \(digest) is not in repository \(repository)")
        }
        try Self.requirePullable(image)
        return image
    }

    /// Archived (or restoring) images cannot be pulled, as on ECR; they stay listed. - Throws: `.imageNotFound`.
    static func requirePullable(_ image: ImageRecord) throws {
        guard image.status == .active else {
            throw RegistryError.imageNotFound("manifest \(image.digest) is \(image.status.rawValue.lowercased()); restore it to pull it")
        }
    }

    /// Deletes the image `digest` and every tag on it, as ECR's BatchDeleteImage by digest does (refused while an
    /// index in the repository lists it). - Throws: `.imageNotFound`, `.manifestReferenced`.
    public func deleteManifest(repository: String, digest: Digest) throws {
        _ = try requireRepository(repository)
        let parents = try store { try metadata.manifestsReferencing(repository: repository, digest: digest.description) }
        if !parents.isEmpty { throw RegistryError.manifestReferenced(digest: digest.description, by: parents) }
        guard try store({ try metadata.deleteImage(repository: repository, digest: digest.description) }) != nil else {
            throw RegistryError.imageNotFound("manifest \(digest) is not in repository \(repository)")
        }
    }

    /// Records a pull by `principal` for `lastRecordedPullTime`, at most once a minute per image so pulls stay
    /// read-only (ECR itself documents the time as approximate), and never for a principal on the registry's
    /// pull-time update exclusion list. The pull is served either way: a failure here is logged, not answered.
    public func recordPull(of image: ImageRecord, by principal: String) {
        let now = clock()
        if let last = image.lastPulledAt, now - last < Self.pullRecordInterval { return }
        cleanUp("record the pull of \(image.digest)") {
            guard try !isExcludedFromPullTime(principal) else { return }
            try metadata.recordPull(repository: image.repository, digest: image.digest, at: now)
        }
    }

    /// How often a pull of the same image is written down.
    public static let pullRecordInterval: Double = 60

    /// Removes a tag; the manifest stays (untagged), as the distribution spec requires of a tag delete.
    /// - Throws: `.imageNotFound`.
    public func deleteTag(repository: String, tag: String) throws {
        _ = try requireRepository(repository)
        guard try store({ try metadata.removeTag(repository: repository, tag: tag, deleteUntaggedImage: false) }) != nil else {
            throw RegistryError.imageNotFound("tag \(tag) is not in repository \(repository)")
        }
    }

    /// Tags in ASCII order after `after`, at most `limit`. - Throws: `.repositoryNotFound`.
    public func tags(repository: String, after: String?, limit: Int) throws -> [String] {
        _ = try requireRepository(repository)
        return try store { try metadata.listTags(repository: repository, after: after, limit: limit) }
    }

    /// Repository names in order after `after`, at most `limit`.
    public func repositoryNames(after: String?, limit: Int) throws -> [String] {
        try store { try metadata.listRepositories(after: after, limit: limit) }.map(\.name)
    }

    /// The referrers of `subject` in `repository`, sorted by digest, with their annotations (read from the stored
    /// manifests, which were validated when pushed). - Throws: `.repositoryNotFound`.
    public func referrers(repository: String, subject: Digest) throws -> [Referrer] {
        _ = try requireRepository(repository)
        let images = try store { try metadata.referrers(repository: repository, subject: subject.description) }
        return try images.map { image in
            let document: ManifestDocument
            do {
                document = try ManifestParser.parse(image.manifest, declaredMediaType: image.mediaType)
            } catch {
                throw RegistryError.backend("stored manifest \(image.digest) no longer parses: \(error)")
            }
            return Referrer(
                digest: image.digest, mediaType: image.mediaType, artifactType: image.artifactType, size: Int64(image.manifest.count),
                annotations: document.annotations, status: image.status)
        }
    }
}
