import BerthMetadata
public import BerthModel

extension Registry {
    /// The image with `digest` in `repository`, or nil.
    public func findImage(in repository: String, digest: String) throws -> ImageRecord? {
        try store { try metadata.image(repository: repository, digest: digest) }
    }

    /// The image `tag` points at in `repository`, or nil.
    public func findImage(in repository: String, tag: String) throws -> ImageRecord? {
        try store { try metadata.image(repository: repository, tag: tag) }
    }

    /// The blob `digest` as linked into `repository`, or nil.
    public func findLayer(in repository: String, digest: Digest) throws -> LayerRecord? {
        try store { try metadata.layer(repository: repository, digest: digest.description) }
    }

    /// Images of `repository` by digest after `after`, at most `limit`, filtered by tag and storage status.
    public func listImages(
        in repository: String, tagStatus: TagStatusFilter, imageStatus: ImageStatus?, after: String?, limit: Int
    ) throws -> [ImageRecord] {
        try store { try metadata.listImages(repository: repository, tagStatus: tagStatus, imageStatus: imageStatus, after: after, limit: limit) }
    }

    /// (digest, tag) pairs of `repository` after `after`, at most `limit`, filtered by tag and storage status.
    public func listImageIDs(
        in repository: String, tagStatus: TagStatusFilter, imageStatus: ImageStatus?, after: ImageIDRecord?, limit: Int
    ) throws -> [ImageIDRecord] {
        try store {
            try metadata.listImageIDs(repository: repository, tagStatus: tagStatus, imageStatus: imageStatus, after: after, limit: limit)
        }
    }
}
