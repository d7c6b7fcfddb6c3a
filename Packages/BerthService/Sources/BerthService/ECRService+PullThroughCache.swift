public import BerthWire

extension ECRService {
    public func createPullThroughCacheRule(_ input: ECR.CreatePullThroughCacheRuleRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.CreatePullThroughCacheRuleResponse
    {
        try await run {
            try checkRegistryId(input.registryId)
            let rule = try registry.createPullThroughCacheRule(
                ECR.PullThroughCacheRule(
                    ecrRepositoryPrefix: input.ecrRepositoryPrefix, upstreamRegistryUrl: input.upstreamRegistryUrl, createdAt: registry.clock(),
                    registryId: accountID, credentialArn: input.credentialArn, customRoleArn: input.customRoleArn,
                    upstreamRepositoryPrefix: input.upstreamRepositoryPrefix, upstreamRegistry: input.upstreamRegistry))
            return ECR.CreatePullThroughCacheRuleResponse(
                ecrRepositoryPrefix: rule.ecrRepositoryPrefix, upstreamRegistryUrl: rule.upstreamRegistryUrl, createdAt: rule.createdAt,
                registryId: accountID, upstreamRegistry: rule.upstreamRegistry, credentialArn: rule.credentialArn, customRoleArn: rule.customRoleArn,
                upstreamRepositoryPrefix: rule.upstreamRepositoryPrefix)
        }
    }

    public func describePullThroughCacheRules(_ input: ECR.DescribePullThroughCacheRulesRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.DescribePullThroughCacheRulesResponse
    {
        try await run {
            try checkRegistryId(input.registryId)
            var rules = try registry.pullThroughCacheRules()
            if let prefixes = input.ecrRepositoryPrefixes {
                rules = try prefixes.map { try registry.pullThroughCacheRule($0) }
            }
            let page = try Self.page(
                rules, key: { Registry.templateKey($0.ecrRepositoryPrefix ?? "") }, scope: "pull-through-cache", input.nextToken, input.maxResults)
            return ECR.DescribePullThroughCacheRulesResponse(pullThroughCacheRules: page.items, nextToken: page.nextToken)
        }
    }

    public func updatePullThroughCacheRule(_ input: ECR.UpdatePullThroughCacheRuleRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.UpdatePullThroughCacheRuleResponse
    {
        try await run {
            try checkRegistryId(input.registryId)
            var rule = try registry.pullThroughCacheRule(input.ecrRepositoryPrefix)
            if let value = input.credentialArn { rule.credentialArn = value }
            if let value = input.customRoleArn { rule.customRoleArn = value }
            rule.updatedAt = registry.clock()
            try registry.updatePullThroughCacheRule(rule)
            return ECR.UpdatePullThroughCacheRuleResponse(
                ecrRepositoryPrefix: rule.ecrRepositoryPrefix, registryId: accountID, updatedAt: rule.updatedAt, credentialArn: rule.credentialArn,
                customRoleArn: rule.customRoleArn, upstreamRepositoryPrefix: rule.upstreamRepositoryPrefix)
        }
    }

    public func deletePullThroughCacheRule(_ input: ECR.DeletePullThroughCacheRuleRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.DeletePullThroughCacheRuleResponse
    {
        try await run {
            try checkRegistryId(input.registryId)
            let rule = try registry.deletePullThroughCacheRule(input.ecrRepositoryPrefix)
            return ECR.DeletePullThroughCacheRuleResponse(
                ecrRepositoryPrefix: rule.ecrRepositoryPrefix, upstreamRegistryUrl: rule.upstreamRegistryUrl, createdAt: rule.createdAt,
                registryId: accountID, credentialArn: rule.credentialArn, customRoleArn: rule.customRoleArn,
                upstreamRepositoryPrefix: rule.upstreamRepositoryPrefix)
        }
    }

    /// Refuses a registry id other than ours for registry-wide settings.
    func checkRegistryId(_ registryId: String?) throws {
        if let registryId, registryId != accountID {
            throw ECRError.invalidParameter(
                "Invalid parameter at 'registryId' failed to satisfy constraint: 'must be this registry's id \(accountID)'")
        }
    }
}
