import BerthBlobStore
import BerthMetadata
import BerthModel
public import BerthWire

extension ECRService {
    public func createRepository(_ input: ECR.CreateRepositoryRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.CreateRepositoryResponse
    {
        try await run {
            if let registryId = input.registryId, registryId != accountID {
                throw ECRError.invalidParameter(
                    "Invalid parameter at 'registryId' failed to satisfy constraint: 'must be this registry's id \(accountID)'")
            }
            let tags = (input.tags ?? []).map(Self.resourceTag)
            try ResourceTagRules.check(tags)
            let mutability = input.imageTagMutability ?? "MUTABLE"
            let filters = (input.imageTagMutabilityExclusionFilters ?? []).map(\.filter)
            try RepositorySettingsRules.checkMutability(mutability, filters: filters)
            let encryption = try RepositorySettingsRules.encryption(
                type: input.encryptionConfiguration?.encryptionType, kmsKey: input.encryptionConfiguration?.kmsKey, region: configuration.region,
                accountID: accountID)
            let record = RepositoryRecord(
                name: input.repositoryName, createdAt: context.now, imageTagMutability: mutability,
                tagMutabilityExclusionFilters: filters, scanOnPush: input.imageScanningConfiguration?.scanOnPush ?? false,
                encryptionType: encryption.type, kmsKey: encryption.kmsKey, resourceTags: tags)
            try registry.createRepository(record)
            return ECR.CreateRepositoryResponse(repository: repositoryShape(record))
        }
    }

    public func describeRepositories(_ input: ECR.DescribeRepositoriesRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.DescribeRepositoriesResponse
    {
        try await run {
            if let names = input.repositoryNames {
                if input.nextToken != nil || input.maxResults != nil {
                    throw ECRError.invalidParameter("Cannot specify nextToken or maxResults together with repositoryNames")
                }
                var found: [ECR.Repository] = []
                for name in names {
                    found.append(repositoryShape(try repository(name, registryId: input.registryId)))
                }
                return ECR.DescribeRepositoriesResponse(repositories: found)
            }
            if let registryId = input.registryId, registryId != accountID {
                return ECR.DescribeRepositoriesResponse(repositories: [])
            }
            let limit = input.maxResults ?? 100
            let after = try input.nextToken.map { try PageToken.decode($0, scope: "repositories").key }
            let page = try registry.listRepositories(after: after, limit: limit + 1)
            let shown = Array(page.prefix(limit))
            let next = page.count > limit ? shown.last.map { PageToken(scope: "repositories", key: $0.name).encode() } : nil
            return ECR.DescribeRepositoriesResponse(repositories: shown.map(repositoryShape), nextToken: next)
        }
    }

    public func deleteRepository(_ input: ECR.DeleteRepositoryRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.DeleteRepositoryResponse
    {
        try await run {
            try checkRegistry(input.registryId, repository: input.repositoryName)
            let deletion = try registry.deleteRepository(input.repositoryName, force: input.force ?? false)
            return ECR.DeleteRepositoryResponse(repository: repositoryShape(deletion.repository))
        }
    }

    /// The ECR shape of a stored repository.
    func repositoryShape(_ record: RepositoryRecord) -> ECR.Repository {
        let filters = record.tagMutabilityExclusionFilters.map { ECR.ImageTagMutabilityExclusionFilter(filterType: "WILDCARD", filter: $0) }
        return ECR.Repository(
            repositoryArn: configuration.repositoryARN(record.name), registryId: accountID, repositoryName: record.name,
            repositoryUri: configuration.repositoryURI(record.name), createdAt: record.createdAt,
            imageTagMutability: record.imageTagMutability, imageTagMutabilityExclusionFilters: filters.isEmpty ? nil : filters,
            imageScanningConfiguration: ECR.ImageScanningConfiguration(scanOnPush: record.scanOnPush),
            encryptionConfiguration: ECR.EncryptionConfiguration(encryptionType: record.encryptionType, kmsKey: record.kmsKey))
    }
}
