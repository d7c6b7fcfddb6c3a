import BerthMetadata
public import BerthModel

extension Registry {
    /// Moves an image between standard and archive storage (ECR's UpdateImageStorageClass). Archiving keeps the image
    /// listed but unpullable through either door; restoring (`.active`) makes it pullable again at once. An image
    /// already in the target class stays as it is.
    /// - Throws: `.imageNotFound`, `.storageClassUpdateNotSupported` (archiving an image an index lists).
    public func updateStorageClass(repository: String, digest: String?, tag: String?, archive: Bool) throws -> ImageRecord {
        _ = try requireRepository(repository)
        let found = try digest.map { try findImage(in: repository, digest: $0) } ?? tag.map { try findImage(in: repository, tag: $0) } ?? nil
        guard let image = found, tag == nil || image.tags.contains(tag ?? "") else {
            throw RegistryError.imageNotFound(
                "The image with imageId {imageDigest:'\(digest ?? "null")', imageTag:'\(tag ?? "null")'} does not exist within the repository with name '\(repository)'"
            )
        }
        let target: ImageStatus = archive ? .archived : .active
        if image.status == target { return image }
        if archive {
            let parents = try store { try metadata.manifestsReferencing(repository: repository, digest: image.digest) }
            if !parents.isEmpty {
                throw RegistryError.storageClassUpdateNotSupported(
                    "The image \(image.digest) is listed by the image indexes \(parents) and cannot be archived on its own")
            }
        }
        guard let updated = try store({ try metadata.setImageStatus(repository: repository, digest: image.digest, status: target, at: clock()) })
        else { throw RegistryError.imageNotFound("The image \(image.digest) was deleted meanwhile") }
        return updated
    }
}
