import BerthMetadata
import BerthModel

/// What deleting one image reference did, as ECR's BatchDeleteImage reports each entry.
public enum ImageDeletion: Sendable, Equatable {
    /// Deleted: the tag (`tags == [tag]`, the image went with its last tag), or the image with all its tags.
    case deleted(digest: String, tags: [String])
    /// No image or tag matched.
    case notFound
    /// The tag exists but points at another image than the digest named with it.
    case tagDoesNotMatchDigest
    /// Indexes in the repository list the image; it cannot be deleted alone.
    case referencedByIndexes([String])
}

extension Registry {
    /// Deletes by reference as ECR's BatchDeleteImage does: a tag goes (and its image with it when it was the last
    /// tag); a digest deletes the image and every tag on it unless an index lists it; a tag and a digest must agree.
    public func deleteImage(in repository: String, digest: String?, tag: String?) throws -> ImageDeletion {
        switch (digest, tag) {
        case (nil, let tag?):
            guard let removed = try store({ try metadata.removeTag(repository: repository, tag: tag, deleteUntaggedImage: true) }) else {
                return .notFound
            }
            return .deleted(digest: removed.digest, tags: [tag])
        case (let digest?, let tag?):
            guard let image = try findImage(in: repository, tag: tag) else { return .notFound }
            guard image.digest == digest else { return .tagDoesNotMatchDigest }
            _ = try store { try metadata.removeTag(repository: repository, tag: tag, deleteUntaggedImage: true) }
            return .deleted(digest: digest, tags: [tag])
        case (let digest?, nil):
            let parents = try store { try metadata.manifestsReferencing(repository: repository, digest: digest) }
            if !parents.isEmpty { return .referencedByIndexes(parents) }
            guard let tags = try store({ try metadata.deleteImage(repository: repository, digest: digest) }) else { return .notFound }
            return .deleted(digest: digest, tags: tags)
        case (nil, nil):
            return .notFound
        }
    }
}
