import BerthMetadata
import BerthModel

/// What applying a repository's lifecycle policy did.
public struct LifecycleOutcome: Sendable, Equatable {
    /// Digests of the images expired (deleted with their tags).
    public var expired: [String] = []
    /// Digests of the images moved to archive storage.
    public var archived: [String] = []
    /// Images the policy selected but that could not be acted on (an index still lists them, or they went meanwhile).
    public var skipped: [String] = []
}

extension Registry {
    /// Applies the repository's lifecycle policy now, through the one evaluator the preview uses: expired images are
    /// deleted (with their tags; their blobs go at the next garbage collection), transitioned ones archived, and
    /// the policy's `lastEvaluatedAt` set. Returns nil when the repository has no policy.
    /// - Throws: `.repositoryNotFound`, `.invalidLifecyclePolicy` (a stored policy this build cannot read).
    public func applyLifecyclePolicy(repository: String) throws -> LifecycleOutcome? {
        guard let stored = try repositoryDocument(DocumentKind.lifecyclePolicy, of: repository, as: StoredLifecyclePolicy.self) else { return nil }
        let policy = try Self.validateLifecyclePolicy(stored.text)
        let now = clock()
        var outcome = LifecycleOutcome()
        var pending = try lifecycleDecisions(repository: repository, policy: policy, now: now)
        // An index lists its children: an expiring child waits until the expiring index is gone (a second round).
        for round in 0..<2 {
            var waiting: [LifecycleDecision] = []
            for decision in pending {
                let digest = decision.image.digest
                switch decision.action {
                case .transition:
                    _ = try updateStorageClass(repository: repository, digest: digest, tag: nil, archive: true)
                    outcome.archived.append(digest)
                case .expire:
                    switch try deleteImage(in: repository, digest: digest, tag: nil) {
                    case .deleted: outcome.expired.append(digest)
                    case .referencedByIndexes where round == 0: waiting.append(decision)
                    default: outcome.skipped.append(digest)
                    }
                }
            }
            pending = waiting
        }
        outcome.skipped += pending.map(\.image.digest)
        // Record the evaluation unless the policy changed meanwhile (a new policy starts unevaluated).
        if let current = try repositoryDocument(DocumentKind.lifecyclePolicy, of: repository, as: StoredLifecyclePolicy.self),
            current.text == stored.text
        {
            try putRepositoryDocument(DocumentKind.lifecyclePolicy, of: repository, StoredLifecyclePolicy(text: stored.text, lastEvaluatedAt: now))
        }
        return outcome
    }

    /// Every repository of this registry, in name order (the worker visits each).
    public func allRepositoryNames() throws -> [String] {
        var names: [String] = []
        var after: String?
        while true {
            let page = try store { try metadata.listRepositories(after: after, limit: 1000) }
            names += page.map(\.name)
            guard page.count == 1000, let last = page.last else { return names }
            after = last.name
        }
    }
}
