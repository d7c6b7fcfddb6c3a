public import BerthModel
import Synchronization

// Images and tags.
extension MemoryMetadataStore {
    /// Stores an image and optionally points `tag` at it, following the rules of `PutImageOutcome`.
    public func putImage(_ image: NewImage, tag: String?, tagIsImmutable: Bool) throws -> PutImageOutcome {
        try withState { state in
            let name = image.image.repository
            guard var repository = state.repositories.removeValue(forKey: key(name)) else { throw MetadataError.repositoryNotFound(name) }
            defer { state.repositories[key(name)] = repository }
            let digest = image.image.digest
            let exists = repository.images[digest] != nil
            if !exists, image.requiresReferences {
                let blobs = Set(image.blobDigests).filter { repository.layers[$0] == nil }.sorted()
                let manifests = Set(image.childDigests).filter { repository.images[$0] == nil }.sorted()
                guard blobs.isEmpty, manifests.isEmpty else { throw MetadataError.referencesMissing(blobs: blobs, manifests: manifests) }
            }
            guard let tag else {
                if exists { return .alreadyExists }
                Self.insert(image, into: &repository)
                return .created
            }
            let current = repository.tags[tag]
            if current == digest { return .alreadyExists }
            if let current, tagIsImmutable { return .tagImmutable(existingDigest: current) }
            if !exists { Self.insert(image, into: &repository) }
            repository.tags[tag] = digest
            return exists ? .tagged(previousDigest: current) : .created
        }
    }

    /// The image with `digest` in `repository`, with its tags.
    public func image(repository: String, digest: String) throws -> ImageRecord? {
        try withState { $0.repositories[key(repository)]?.image(digest) }
    }

    /// The image `tag` points at in `repository`, with its tags.
    public func image(repository: String, tag: String) throws -> ImageRecord? {
        try withState { state in
            guard let repository = state.repositories[key(repository)], let digest = repository.tags[tag] else { return nil }
            return repository.image(digest)
        }
    }

    /// Images sorted by digest, strictly after `after`, at most `limit`, filtered by tag and storage status.
    public func listImages(repository: String, tagStatus: TagStatusFilter, imageStatus: ImageStatus?, after: String?, limit: Int) throws
        -> [ImageRecord]
    {
        guard limit > 0 else { return [] }
        return try withState { state in
            guard let repository = state.repositories[key(repository)] else { return [] }
            let tagged = Set(repository.tags.values)
            let digests = repository.images.keys.filter { digest in
                guard digest > (after ?? ""), imageStatus.map({ repository.images[digest]?.record.status == $0 }) ?? true else { return false }
                switch tagStatus {
                case .any: return true
                case .tagged: return tagged.contains(digest)
                case .untagged: return !tagged.contains(digest)
                }
            }
            return digests.sorted().prefix(limit).compactMap { repository.image($0) }
        }
    }

    /// (digest, tag) pairs sorted by digest then tag, untagged images once with a nil tag.
    public func listImageIDs(repository: String, tagStatus: TagStatusFilter, imageStatus: ImageStatus?, after: ImageIDRecord?, limit: Int) throws
        -> [ImageIDRecord]
    {
        guard limit > 0 else { return [] }
        return try withState { state in
            guard let repository = state.repositories[key(repository)] else { return [] }
            var ids: [ImageIDRecord] = []
            if tagStatus != .untagged {
                ids += repository.tags.map { ImageIDRecord(digest: $0.value, tag: $0.key) }
            }
            if tagStatus != .tagged {
                let tagged = Set(repository.tags.values)
                ids += repository.images.keys.filter { !tagged.contains($0) }.map { ImageIDRecord(digest: $0, tag: nil) }
            }
            let shown = ids.filter { id in
                (after.map { $0 < id } ?? true) && (imageStatus.map { repository.images[id.digest]?.record.status == $0 } ?? true)
            }
            return Array(shown.sorted().prefix(limit))
        }
    }

    /// The tags of `repository`, sorted byte-wise (by UTF-8 bytes), strictly after `after`, at most `limit`.
    public func listTags(repository: String, after: String?, limit: Int) throws -> [String] {
        guard limit > 0 else { return [] }
        let cursor = Array((after ?? "").utf8)
        return try withState { state in
            guard let tags = state.repositories[key(repository)]?.tags.keys else { return [] }
            let later = tags.filter { cursor.lexicographicallyPrecedes($0.utf8) }
            return Array(later.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.prefix(limit))
        }
    }

    /// How many images `repository` holds.
    public func imageCount(repository: String) throws -> Int {
        try withState { $0.repositories[key(repository)]?.images.count ?? 0 }
    }

    /// Deletes the image with its tags, blob links and child links; returns its tags, or nil when absent.
    public func deleteImage(repository: String, digest: String) throws -> [String]? {
        try withState { state in
            guard let stored = state.repositories[key(repository)], stored.images[digest] != nil else { return nil }
            let tags = stored.tags(of: digest)
            state.repositories[key(repository)]?.images[digest] = nil
            for tag in tags { state.repositories[key(repository)]?.tags[tag] = nil }
            return tags
        }
    }

    /// Removes `tag`, and with `deleteUntaggedImage` its image when no tag is left.
    public func removeTag(repository: String, tag: String, deleteUntaggedImage: Bool) throws -> (digest: String, imageDeleted: Bool)? {
        try withState { state in
            guard let digest = state.repositories[key(repository)]?.tags.removeValue(forKey: tag) else { return nil }
            guard deleteUntaggedImage, state.repositories[key(repository)]?.tags(of: digest).isEmpty == true else { return (digest, false) }
            state.repositories[key(repository)]?.images[digest] = nil
            return (digest, true)
        }
    }

    /// Digests of the manifests in `repository` that list `digest` as a child, sorted.
    public func manifestsReferencing(repository: String, digest: String) throws -> [String] {
        try withState { state in
            (state.repositories[key(repository)]?.images.values ?? [:].values).filter { $0.childDigests.contains(digest) }.map(\.record.digest)
                .sorted()
        }
    }

    /// Images in `repository` whose subject is `subject`, sorted by digest.
    public func referrers(repository: String, subject: String) throws -> [ImageRecord] {
        try withState { state in
            guard let repository = state.repositories[key(repository)] else { return [] }
            let digests = repository.images.values.filter { $0.record.subjectDigest == subject }.map(\.record.digest)
            return digests.sorted().compactMap { repository.image($0) }
        }
    }

    /// True when some image in `repository` references the blob `digest`.
    public func isBlobReferenced(repository: String, digest: String) throws -> Bool {
        try withState { state in
            state.repositories[key(repository)]?.images.values.contains { $0.blobDigests.contains(digest) } ?? false
        }
    }

    /// Records a pull of an image (no effect when there is no such image).
    public func recordPull(repository: String, digest: String, at time: Double) throws {
        try withState { $0.repositories[key(repository)]?.images[digest]?.record.lastPulledAt = time }
    }

    private static func insert(_ new: NewImage, into repository: inout RepositoryState) {
        var record = new.image
        record.tags = []
        record.lastPulledAt = nil
        repository.images[record.digest] = StoredImage(record: record, blobDigests: Set(new.blobDigests), childDigests: Set(new.childDigests))
    }
}
