public import BerthWire

extension ECRService {
    public func createRepositoryCreationTemplate(_ input: ECR.CreateRepositoryCreationTemplateRequest, context: ECRRequestContext)
        async throws(ECRError) -> ECR.CreateRepositoryCreationTemplateResponse
    {
        try await run {
            let now = registry.clock()
            let template = ECR.RepositoryCreationTemplate(
                prefix: input.prefix, description: input.description, encryptionConfiguration: input.encryptionConfiguration,
                resourceTags: input.resourceTags, imageTagMutability: input.imageTagMutability ?? "MUTABLE",
                imageTagMutabilityExclusionFilters: input.imageTagMutabilityExclusionFilters, repositoryPolicy: input.repositoryPolicy,
                lifecyclePolicy: input.lifecyclePolicy, appliedFor: input.appliedFor, customRoleArn: input.customRoleArn, createdAt: now,
                updatedAt: now)
            try registry.createCreationTemplate(template)
            return ECR.CreateRepositoryCreationTemplateResponse(registryId: accountID, repositoryCreationTemplate: template)
        }
    }

    public func describeRepositoryCreationTemplates(_ input: ECR.DescribeRepositoryCreationTemplatesRequest, context: ECRRequestContext)
        async throws(ECRError) -> ECR.DescribeRepositoryCreationTemplatesResponse
    {
        try await run {
            var templates = try registry.creationTemplates()
            if let prefixes = input.prefixes {
                let wanted = Set(prefixes.map(Registry.templateKey))
                templates = templates.filter { wanted.contains(Registry.templateKey($0.prefix ?? "")) }
            }
            let page = try Self.page(templates, key: { Registry.templateKey($0.prefix ?? "") }, scope: "templates", input.nextToken, input.maxResults)
            return ECR.DescribeRepositoryCreationTemplatesResponse(
                registryId: accountID, repositoryCreationTemplates: page.items, nextToken: page.nextToken)
        }
    }

    public func updateRepositoryCreationTemplate(_ input: ECR.UpdateRepositoryCreationTemplateRequest, context: ECRRequestContext)
        async throws(ECRError) -> ECR.UpdateRepositoryCreationTemplateResponse
    {
        try await run {
            var template = try registry.creationTemplate(input.prefix)
            if let value = input.description { template.description = value }
            if let value = input.encryptionConfiguration { template.encryptionConfiguration = value }
            if let value = input.resourceTags { template.resourceTags = value }
            if let value = input.imageTagMutability {
                template.imageTagMutability = value
                template.imageTagMutabilityExclusionFilters = input.imageTagMutabilityExclusionFilters
            } else if let value = input.imageTagMutabilityExclusionFilters {
                template.imageTagMutabilityExclusionFilters = value
            }
            if let value = input.repositoryPolicy { template.repositoryPolicy = value }
            if let value = input.lifecyclePolicy { template.lifecyclePolicy = value }
            if let value = input.appliedFor { template.appliedFor = value }
            if let value = input.customRoleArn { template.customRoleArn = value }
            template.updatedAt = registry.clock()
            try registry.updateCreationTemplate(template)
            return ECR.UpdateRepositoryCreationTemplateResponse(registryId: accountID, repositoryCreationTemplate: template)
        }
    }

    public func deleteRepositoryCreationTemplate(_ input: ECR.DeleteRepositoryCreationTemplateRequest, context: ECRRequestContext)
        async throws(ECRError) -> ECR.DeleteRepositoryCreationTemplateResponse
    {
        try await run {
            ECR.DeleteRepositoryCreationTemplateResponse(
                registryId: accountID, repositoryCreationTemplate: try registry.deleteCreationTemplate(input.prefix))
        }
    }

    /// One page of a listing sorted by `key`: opaque tokens naming the last key shown, 100 items by default.
    static func page<T>(_ items: [T], key: (T) -> String, scope: String, _ token: String?, _ maxResults: Int?) throws -> (
        items: [T], nextToken: String?
    ) {
        var rest = items.sorted { key($0).utf8.lexicographicallyPrecedes(key($1).utf8) }
        if let token {
            let after = Array(try PageToken.decode(token, scope: scope).key.utf8)
            rest = rest.filter { after.lexicographicallyPrecedes(key($0).utf8) }
        }
        let limit = maxResults ?? 100
        let shown = Array(rest.prefix(limit))
        let next = rest.count > limit ? shown.last.map { PageToken(scope: scope, key: key($0)).encode() } : nil
        return (shown, next)
    }
}
