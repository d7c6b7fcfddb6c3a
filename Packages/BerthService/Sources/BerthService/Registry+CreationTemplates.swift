import BerthAuth
import BerthModel
public import BerthWire

/// Repository creation templates (ECR's `RepositoryCreationTemplate`, stored as is, keyed by prefix): settings a
/// repository gets when the registry creates it for a push (CREATE_ON_PUSH), a pull-through cache or replication.
extension Registry {
    /// The most templates one registry may hold.
    public static let maximumCreationTemplates = 50

    /// The key a prefix is stored under: `ROOT`, or the namespace without its trailing `/`.
    static func templateKey(_ prefix: String) -> String {
        prefix == "ROOT" ? prefix : String(prefix.hasSuffix("/") ? prefix.dropLast() : Substring(prefix))
    }

    /// Checks a template's settings as CreateRepository checks a repository's, plus its policies and purposes.
    /// - Throws: `.invalidParameter`, `.invalidLifecyclePolicy`, `.tooManyTags`, `.invalidTagParameter`.
    public func validateCreationTemplate(_ template: ECR.RepositoryCreationTemplate) throws {
        guard let appliedFor = template.appliedFor, !appliedFor.isEmpty else {
            throw RegistryError.invalidParameter(
                "Invalid parameter at 'appliedFor' failed to satisfy constraint: 'must name at least one of REPLICATION, PULL_THROUGH_CACHE, CREATE_ON_PUSH'"
            )
        }
        try RepositorySettingsRules.checkMutability(
            template.imageTagMutability ?? "MUTABLE", filters: (template.imageTagMutabilityExclusionFilters ?? []).map(\.filter))
        _ = try RepositorySettingsRules.encryption(
            type: template.encryptionConfiguration?.encryptionType, kmsKey: template.encryptionConfiguration?.kmsKey,
            region: configuration.region, accountID: configuration.accountID)
        try ResourceTagRules.check((template.resourceTags ?? []).map { ResourceTag(key: $0.Key, value: $0.Value) })
        if let policy = template.repositoryPolicy, !policy.isEmpty {
            do {
                _ = try PolicyDocument.parse(policy)
            } catch {
                throw RegistryError.invalidParameter(
                    "Invalid parameter at 'repositoryPolicy' failed to satisfy constraint: 'Invalid repository policy provided': \(error.message)")
            }
        }
        if let lifecycle = template.lifecyclePolicy, !lifecycle.isEmpty { try Self.validateLifecyclePolicy(lifecycle) }
    }

    /// Stores a new template. - Throws: `.templateAlreadyExists`, `.limitExceeded`, validation errors.
    public func createCreationTemplate(_ template: ECR.RepositoryCreationTemplate) throws {
        try validateCreationTemplate(template)
        if try allRegistryDocuments(DocumentKind.creationTemplate, as: ECR.RepositoryCreationTemplate.self).count >= Self.maximumCreationTemplates {
            throw RegistryError.limitExceeded("A registry can have at most \(Self.maximumCreationTemplates) repository creation templates")
        }
        let prefix = template.prefix ?? "ROOT"
        guard try insertRegistryDocument(DocumentKind.creationTemplate, key: Self.templateKey(prefix), template) else {
            throw RegistryError.templateAlreadyExists(prefix)
        }
    }

    /// The template for `prefix`. - Throws: `.templateNotFound`.
    public func creationTemplate(_ prefix: String) throws -> ECR.RepositoryCreationTemplate {
        guard
            let template = try registryDocument(DocumentKind.creationTemplate, key: Self.templateKey(prefix), as: ECR.RepositoryCreationTemplate.self)
        else { throw RegistryError.templateNotFound(prefix) }
        return template
    }

    /// Replaces a template with its changed version. - Throws: `.templateNotFound`, validation errors.
    public func updateCreationTemplate(_ template: ECR.RepositoryCreationTemplate) throws {
        let prefix = template.prefix ?? "ROOT"
        _ = try creationTemplate(prefix)
        try validateCreationTemplate(template)
        try putRegistryDocument(DocumentKind.creationTemplate, key: Self.templateKey(prefix), template)
    }

    /// Removes a template; returns it. - Throws: `.templateNotFound`.
    public func deleteCreationTemplate(_ prefix: String) throws -> ECR.RepositoryCreationTemplate {
        guard
            let template = try deleteRegistryDocument(
                DocumentKind.creationTemplate, key: Self.templateKey(prefix), as: ECR.RepositoryCreationTemplate.self)
        else { throw RegistryError.templateNotFound(prefix) }
        return template
    }

    /// Every template, by prefix.
    public func creationTemplates() throws -> [ECR.RepositoryCreationTemplate] {
        try allRegistryDocuments(DocumentKind.creationTemplate, as: ECR.RepositoryCreationTemplate.self).map(\.value)
    }

    /// The template that applies to a new repository `name` created for `purpose`: the one whose prefix is the
    /// longest namespace of the name (`prod/team` for `prod/team/app`), else `ROOT`.
    public func applicableTemplate(for name: String, purpose: String) throws -> ECR.RepositoryCreationTemplate? {
        let candidates = try allRegistryDocuments(DocumentKind.creationTemplate, as: ECR.RepositoryCreationTemplate.self)
            .filter { $0.value.appliedFor?.contains(purpose) == true }
        let matching = candidates.filter { $0.key != "ROOT" && (name == $0.key || name.hasPrefix($0.key + "/")) }
        if let best = matching.max(by: { $0.key.count < $1.key.count }) { return best.value }
        return candidates.first { $0.key == "ROOT" }?.value
    }
}
