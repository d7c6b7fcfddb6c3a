import BerthModel
import BerthWire

extension Registry {
    /// Makes sure a /v2 push to `name` has a repository: an existing one, or one created now because a
    /// CREATE_ON_PUSH creation template applies (with the template's tags, mutability, encryption, repository and
    /// lifecycle policies) or because the server runs with `--create-on-push` (ECR's defaults). Otherwise the
    /// push is refused as ECR refuses it. - Throws: `.repositoryNotFound`.
    public func prepareRepositoryForPush(_ name: String, createOnPush: Bool) throws {
        if try findRepository(name) != nil { return }
        let template = try applicableTemplate(for: name, purpose: "CREATE_ON_PUSH")
        guard template != nil || createOnPush else { throw RegistryError.repositoryNotFound(name) }
        let record = try template.map { try repositoryRecord(name, from: $0) } ?? RepositoryRecord(name: name, createdAt: clock())
        do {
            try createRepository(record)
        } catch RegistryError.repositoryAlreadyExists {
            return  // a concurrent push created it first
        }
        if let policy = template?.repositoryPolicy, !policy.isEmpty {
            try updateRepository(name) { $0.policyText = policy }
        }
        if let lifecycle = template?.lifecyclePolicy, !lifecycle.isEmpty {
            try putLifecyclePolicy(repository: name, text: lifecycle)
        }
    }

    /// A new repository's record with a template's settings.
    func repositoryRecord(_ name: String, from template: ECR.RepositoryCreationTemplate) throws -> RepositoryRecord {
        let encryption = try RepositorySettingsRules.encryption(
            type: template.encryptionConfiguration?.encryptionType, kmsKey: template.encryptionConfiguration?.kmsKey,
            region: configuration.region, accountID: configuration.accountID)
        return RepositoryRecord(
            name: name, createdAt: clock(), imageTagMutability: template.imageTagMutability ?? "MUTABLE",
            tagMutabilityExclusionFilters: (template.imageTagMutabilityExclusionFilters ?? []).map(\.filter),
            encryptionType: encryption.type, kmsKey: encryption.kmsKey,
            resourceTags: (template.resourceTags ?? []).map { ResourceTag(key: $0.Key, value: $0.Value) })
    }
}
