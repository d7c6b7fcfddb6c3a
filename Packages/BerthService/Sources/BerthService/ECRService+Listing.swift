import BerthMetadata
import BerthModel
public import BerthWire

extension ECRService {
    public func listImages(_ input: ECR.ListImagesRequest, context: ECRRequestContext) async throws(ECRError) -> ECR.ListImagesResponse {
        try await run {
            _ = try repository(input.repositoryName, registryId: input.registryId)
            let status = TagStatusFilter(rawValue: input.filter?.tagStatus ?? "ANY") ?? .any
            let imageStatus = Self.imageStatusFilter(input.filter?.imageStatus)
            let scope = "images:\(input.repositoryName):\(status.rawValue):\(imageStatus?.rawValue ?? "ANY")"
            let limit = input.maxResults ?? 100
            let after = try input.nextToken.map { text -> ImageIDRecord in
                let key = try PageToken.decode(text, scope: scope).key
                let parts = key.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                return ImageIDRecord(digest: parts[0], tag: parts.count > 1 ? parts[1] : nil)
            }
            let page = try registry.listImageIDs(
                in: input.repositoryName, tagStatus: status, imageStatus: imageStatus, after: after, limit: limit + 1)
            let shown = Array(page.prefix(limit))
            var next: String?
            if page.count > limit, let last = shown.last {
                next = PageToken(scope: scope, key: last.tag.map { "\(last.digest)\t\($0)" } ?? last.digest).encode()
            }
            let ids = shown.map { ECR.ImageIdentifier(imageDigest: $0.digest, imageTag: $0.tag) }
            return ECR.ListImagesResponse(imageIds: ids, nextToken: next)
        }
    }

    public func describeImages(_ input: ECR.DescribeImagesRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.DescribeImagesResponse
    {
        try await run {
            _ = try repository(input.repositoryName, registryId: input.registryId)
            if let ids = input.imageIds {
                if input.nextToken != nil || input.maxResults != nil {
                    throw ECRError.invalidParameter("Cannot specify nextToken or maxResults together with imageIds")
                }
                return ECR.DescribeImagesResponse(imageDetails: try describeListedImages(ids, repository: input.repositoryName))
            }
            let status = TagStatusFilter(rawValue: input.filter?.tagStatus ?? "ANY") ?? .any
            let imageStatus = Self.imageStatusFilter(input.filter?.imageStatus)
            let scope = "describe:\(input.repositoryName):\(status.rawValue):\(imageStatus?.rawValue ?? "ANY")"
            let limit = input.maxResults ?? 100
            let after = try input.nextToken.map { try PageToken.decode($0, scope: scope).key }
            let page = try registry.listImages(
                in: input.repositoryName, tagStatus: status, imageStatus: imageStatus, after: after, limit: limit + 1)
            let shown = Array(page.prefix(limit))
            let next = page.count > limit ? shown.last.map { PageToken(scope: scope, key: $0.digest).encode() } : nil
            return ECR.DescribeImagesResponse(imageDetails: shown.map(imageDetail), nextToken: next)
        }
    }

    /// DescribeImages with `imageIds`: every id must resolve, or the whole call fails with ImageNotFoundException.
    private func describeListedImages(_ ids: [ECR.ImageIdentifier], repository: String) throws -> [ECR.ImageDetail] {
        var details: [ECR.ImageDetail] = []
        var seen = Set<String>()
        for id in ids {
            if let digest = id.imageDigest, Digest(parsing: digest) == nil {
                throw ECRError.invalidParameter(
                    "Invalid parameter at 'imageDigest' failed to satisfy constraint: 'must satisfy regular expression '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+''"
                )
            }
            var image: ImageRecord?
            if let digest = id.imageDigest {
                image = try registry.findImage(in: repository, digest: digest)
                if let tag = id.imageTag, image?.tags.contains(tag) != true { image = nil }
            } else if let tag = id.imageTag {
                image = try registry.findImage(in: repository, tag: tag)
            } else {
                throw ECRError.invalidParameter(
                    "Invalid parameter at 'imageIds' failed to satisfy constraint: 'each imageId needs an imageDigest or an imageTag'")
            }
            guard let image else {
                let described = "{imageDigest:'\(id.imageDigest ?? "null")', imageTag:'\(id.imageTag ?? "null")'}"
                throw RegistryError.imageNotFound(
                    "The image with imageId \(described) does not exist within the repository with name '\(repository)' in the registry with id '\(accountID)'"
                )
            }
            if seen.insert(image.digest).inserted { details.append(imageDetail(image)) }
        }
        return details
    }

    /// The ECR shape describing a stored image.
    func imageDetail(_ image: ImageRecord) -> ECR.ImageDetail {
        ECR.ImageDetail(
            registryId: accountID, repositoryName: image.repository, imageDigest: image.digest,
            imageTags: image.tags.isEmpty ? nil : image.tags, imageSizeInBytes: image.sizeInBytes, imagePushedAt: image.pushedAt,
            imageManifestMediaType: image.mediaType, artifactMediaType: image.artifactType, lastRecordedPullTime: image.lastPulledAt,
            subjectManifestDigest: image.subjectDigest, imageStatus: image.status.rawValue, lastArchivedAt: image.lastArchivedAt,
            lastActivatedAt: image.lastActivatedAt)
    }
}
