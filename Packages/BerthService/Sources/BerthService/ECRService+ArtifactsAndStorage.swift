import BerthModel
public import BerthWire

extension ECRService {
    /// The referrers of an image, as `/v2/<name>/referrers/<digest>` lists them, filtered by artifact type and status
    /// (ACTIVE unless asked otherwise), 20 a page by default.
    public func listImageReferrers(_ input: ECR.ListImageReferrersRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.ListImageReferrersResponse
    {
        try await run {
            try checkRegistry(input.registryId, repository: input.repositoryName)
            guard let subject = Digest(parsing: input.subjectId.imageDigest) else {
                throw ECRError.invalidParameter(
                    "Invalid parameter at 'subjectId.imageDigest' failed to satisfy constraint: 'must satisfy regular expression '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+''"
                )
            }
            let status = input.filter?.artifactStatus ?? "ACTIVE"
            let types = input.filter?.artifactTypes
            let referrers = try registry.referrers(repository: input.repositoryName, subject: subject).filter { referrer in
                (status == "ANY" || referrer.status.rawValue == status) && (types.map { $0.contains(referrer.artifactType ?? "") } ?? true)
            }
            let scope = "referrers:\(input.repositoryName):\(subject):\(status):\((types ?? []).joined(separator: ","))"
            let page = try Self.page(referrers, key: \.digest, scope: scope, input.nextToken, input.maxResults ?? 20)
            let shapes = page.items.map { referrer in
                ECR.ImageReferrer(
                    digest: referrer.digest, mediaType: referrer.mediaType, artifactType: referrer.artifactType, size: referrer.size,
                    annotations: referrer.annotations.isEmpty ? nil : referrer.annotations, artifactStatus: referrer.status.rawValue)
            }
            return ECR.ListImageReferrersResponse(referrers: shapes, nextToken: page.nextToken)
        }
    }

    public func updateImageStorageClass(_ input: ECR.UpdateImageStorageClassRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.UpdateImageStorageClassResponse
    {
        try await run {
            try checkRegistry(input.registryId, repository: input.repositoryName)
            guard input.imageId.imageDigest != nil || input.imageId.imageTag != nil else {
                throw ECRError.invalidParameter(
                    "Invalid parameter at 'imageId' failed to satisfy constraint: 'an imageDigest or an imageTag is required'")
            }
            let image = try registry.updateStorageClass(
                repository: input.repositoryName, digest: input.imageId.imageDigest, tag: input.imageId.imageTag,
                archive: input.targetStorageClass == "ARCHIVE")
            return ECR.UpdateImageStorageClassResponse(
                registryId: accountID, repositoryName: input.repositoryName,
                imageId: ECR.ImageIdentifier(imageDigest: image.digest, imageTag: input.imageId.imageTag), imageStatus: image.status.rawValue)
        }
    }

    /// The storage status a listing filter names: ACTIVE by default, nil for ANY.
    static func imageStatusFilter(_ text: String?) -> ImageStatus? {
        guard let text, text != "ANY" else { return text == nil ? .active : nil }
        return ImageStatus(rawValue: text)
    }
}
