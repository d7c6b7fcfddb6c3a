public import BerthWire

extension ECRClient {
    /// The manifest media types a client asks for so the server hands back whatever it stored, as stored.
    public static let manifestMediaTypes = [
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v1+json", "application/vnd.docker.distribution.manifest.v1+prettyjws",
        "application/vnd.oci.artifact.manifest.v1+json",
    ]

    /// Tags an image as ECR does it without a registry client: BatchGetImage the source manifest, then PutImage
    /// the same bytes and media type under `tag` (the digest stays the same).
    /// - Parameters:
    ///   - repository: the source image's repository.
    ///   - source: the source image, by tag or digest.
    ///   - tag: the new tag.
    ///   - targetRepository: where to put the tag (the source repository when nil; another one must already hold
    ///     the image's layers).
    /// - Returns: PutImage's answer.
    /// - Throws: `ClientError`: the source's BatchGetImage failure code (e.g. `ImageNotFound`) as a service error,
    ///   or PutImage's error (`ImageAlreadyExistsException` when the tag already names this manifest,
    ///   `ImageTagAlreadyExistsException` in an immutable repository).
    public func tagImage(repository: String, source: ECR.ImageIdentifier, tag: String, targetRepository: String? = nil)
        async throws(ClientError) -> ECR.PutImageResponse
    {
        let got = try await call(
            .batchGetImage,
            ECR.BatchGetImageRequest(repositoryName: repository, imageIds: [source], acceptedMediaTypes: Self.manifestMediaTypes),
            as: ECR.BatchGetImageResponse.self)
        guard let image = got.images?.first, let manifest = image.imageManifest else {
            let failure = got.failures?.first
            throw .service(
                code: failure?.failureCode ?? "ImageNotFound",
                message: failure?.failureReason ?? "no image \(source.imageTag ?? source.imageDigest ?? "") in \(repository)", status: 200)
        }
        return try await call(
            .putImage,
            ECR.PutImageRequest(
                repositoryName: targetRepository ?? repository, imageManifest: manifest, imageManifestMediaType: image.imageManifestMediaType,
                imageTag: tag, imageDigest: image.imageId?.imageDigest),
            as: ECR.PutImageResponse.self)
    }
}
