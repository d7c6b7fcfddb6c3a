import BerthMetadata
import BerthModel

/// A repository's lifecycle policy as stored: the text exactly as put, and when a worker last applied it.
public struct StoredLifecyclePolicy: Codable, Sendable, Equatable {
    public var text: String
    public var lastEvaluatedAt: Double?
}

/// The last lifecycle preview of a repository: what the policy would do, computed when the preview started.
public struct LifecyclePreview: Codable, Sendable, Equatable {
    /// One image the policy acts on.
    public struct Entry: Codable, Sendable, Equatable {
        public var digest: String
        public var tags: [String]
        public var pushedAt: Double
        public var rulePriority: Int
        /// `expire` or `transition`.
        public var action: String
        /// `standard` or `archive`: where the image is now.
        public var storageClass: String
    }

    public var text: String
    public var evaluatedAt: Double
    public var entries: [Entry]
}

extension Registry {
    /// Validates and stores a repository's lifecycle policy (the text as given).
    /// - Throws: `.repositoryNotFound`, `.invalidLifecyclePolicy`.
    public func putLifecyclePolicy(repository: String, text: String) throws {
        _ = try requireRepository(repository)
        try Self.validateLifecyclePolicy(text)
        try putRepositoryDocument(DocumentKind.lifecyclePolicy, of: repository, StoredLifecyclePolicy(text: text, lastEvaluatedAt: nil))
    }

    /// The repository's lifecycle policy. - Throws: `.repositoryNotFound`, `.lifecyclePolicyNotFound`.
    public func lifecyclePolicy(repository: String) throws -> StoredLifecyclePolicy {
        _ = try requireRepository(repository)
        guard let policy = try repositoryDocument(DocumentKind.lifecyclePolicy, of: repository, as: StoredLifecyclePolicy.self) else {
            throw RegistryError.lifecyclePolicyNotFound(repository)
        }
        return policy
    }

    /// Removes the repository's lifecycle policy; returns it. - Throws: `.repositoryNotFound`, `.lifecyclePolicyNotFound`.
    public func deleteLifecyclePolicy(repository: String) throws -> StoredLifecyclePolicy {
        _ = try requireRepository(repository)
        guard let policy = try deleteRepositoryDocument(DocumentKind.lifecyclePolicy, of: repository, as: StoredLifecyclePolicy.self) else {
            throw RegistryError.lifecyclePolicyNotFound(repository)
        }
        return policy
    }

    /// Evaluates `text` (or, when nil, the repository's policy) over the repository's images now, without acting,
    /// and keeps the result as the repository's preview.
    /// - Throws: `.repositoryNotFound`, `.lifecyclePolicyNotFound` (no text and no policy), `.invalidLifecyclePolicy`.
    public func startLifecyclePreview(repository: String, text: String?) throws -> LifecyclePreview {
        let policyText = try text ?? lifecyclePolicy(repository: repository).text
        let policy = try Self.validateLifecyclePolicy(policyText)
        let now = clock()
        let entries = try lifecycleDecisions(repository: repository, policy: policy, now: now).map { decision in
            LifecyclePreview.Entry(
                digest: decision.image.digest, tags: decision.image.tags, pushedAt: decision.image.pushedAt, rulePriority: decision.rulePriority,
                action: decision.action.rawValue, storageClass: decision.storageClass.rawValue)
        }
        let preview = LifecyclePreview(text: policyText, evaluatedAt: now, entries: entries)
        try putRepositoryDocument(DocumentKind.lifecyclePreview, of: repository, preview)
        return preview
    }

    /// The repository's last preview. - Throws: `.repositoryNotFound`, `.lifecyclePreviewNotFound`.
    public func lifecyclePreview(repository: String) throws -> LifecyclePreview {
        _ = try requireRepository(repository)
        guard let preview = try repositoryDocument(DocumentKind.lifecyclePreview, of: repository, as: LifecyclePreview.self) else {
            throw RegistryError.lifecyclePreviewNotFound(repository)
        }
        return preview
    }

    /// What `policy` does to the repository's images at `now`: the one evaluator the preview and the worker share.
    public func lifecycleDecisions(repository: String, policy: LifecyclePolicy, now: Double) throws -> [LifecycleDecision] {
        var images: [LifecycleImage] = []
        var after: String?
        while true {
            let page = try listImages(in: repository, tagStatus: .any, imageStatus: nil, after: after, limit: 1000)
            images += page.map(LifecycleImage.init)
            guard page.count == 1000, let last = page.last else { break }
            after = last.digest
        }
        return LifecycleEvaluator.evaluate(policy, images: images, now: now)
    }

    /// Parses a policy text. - Throws: `.invalidLifecyclePolicy`.
    @discardableResult
    static func validateLifecyclePolicy(_ text: String) throws -> LifecyclePolicy {
        do {
            return try LifecyclePolicy(parsing: text)
        } catch {
            throw RegistryError.invalidLifecyclePolicy(error.description)
        }
    }
}
