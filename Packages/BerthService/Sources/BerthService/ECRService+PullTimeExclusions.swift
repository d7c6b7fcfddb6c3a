public import BerthWire

extension ECRService {
    public func registerPullTimeUpdateExclusion(_ input: ECR.RegisterPullTimeUpdateExclusionRequest, context: ECRRequestContext)
        async throws(ECRError) -> ECR.RegisterPullTimeUpdateExclusionResponse
    {
        try await run {
            let exclusion = try registry.registerPullTimeExclusion(input.principalArn)
            return ECR.RegisterPullTimeUpdateExclusionResponse(principalArn: exclusion.principalArn, createdAt: exclusion.createdAt)
        }
    }

    public func deregisterPullTimeUpdateExclusion(_ input: ECR.DeregisterPullTimeUpdateExclusionRequest, context: ECRRequestContext)
        async throws(ECRError) -> ECR.DeregisterPullTimeUpdateExclusionResponse
    {
        try await run {
            try registry.deregisterPullTimeExclusion(input.principalArn)
            return ECR.DeregisterPullTimeUpdateExclusionResponse(principalArn: input.principalArn)
        }
    }

    public func listPullTimeUpdateExclusions(_ input: ECR.ListPullTimeUpdateExclusionsRequest, context: ECRRequestContext)
        async throws(ECRError) -> ECR.ListPullTimeUpdateExclusionsResponse
    {
        try await run {
            let page = try Self.page(
                try registry.pullTimeExclusions(), key: \.principalArn, scope: "pull-time-exclusions", input.nextToken, input.maxResults)
            return ECR.ListPullTimeUpdateExclusionsResponse(pullTimeUpdateExclusions: page.items.map(\.principalArn), nextToken: page.nextToken)
        }
    }
}
