import BerthModel
public import BerthWire

extension ECRService {
    public func tagResource(_ input: ECR.TagResourceRequest, context: ECRRequestContext) async throws(ECRError) -> ECR.TagResourceResponse {
        try await run {
            try registry.tagRepository(try taggedRepository(input.resourceArn, context: context), with: input.tags.map(Self.resourceTag))
            return ECR.TagResourceResponse()
        }
    }

    public func untagResource(_ input: ECR.UntagResourceRequest, context: ECRRequestContext) async throws(ECRError) -> ECR.UntagResourceResponse {
        try await run {
            try registry.untagRepository(try taggedRepository(input.resourceArn, context: context), keys: input.tagKeys)
            return ECR.UntagResourceResponse()
        }
    }

    public func listTagsForResource(_ input: ECR.ListTagsForResourceRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.ListTagsForResourceResponse
    {
        try await run {
            let record = try registry.requireRepository(try taggedRepository(input.resourceArn, context: context))
            return ECR.ListTagsForResourceResponse(tags: record.resourceTags.map(Self.tagShape))
        }
    }

    /// The repository a tagging ARN names in this registry. - Throws: InvalidParameterException for anything but a
    /// repository ARN of this account and region; RepositoryNotFoundException (via the core) for an unknown name.
    private func taggedRepository(_ arn: String, context: ECRRequestContext) throws -> String {
        guard let parsed = RepositoryARN(parsing: arn) else {
            throw ECRError.invalidParameter("Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN: \(arn)'")
        }
        guard parsed.region == configuration.region else {
            throw ECRError.invalidParameter(
                "Invalid parameter at 'resourceArn' failed to satisfy constraint: 'The region in the ARN does not match the request region \(configuration.region)'"
            )
        }
        guard parsed.accountID == accountID else { throw RegistryError.repositoryNotFound(parsed.repositoryName) }
        return parsed.repositoryName
    }

    static func resourceTag(_ tag: ECR.Tag) -> ResourceTag { ResourceTag(key: tag.Key, value: tag.Value) }

    static func tagShape(_ tag: ResourceTag) -> ECR.Tag { ECR.Tag(Key: tag.key, Value: tag.value) }
}
