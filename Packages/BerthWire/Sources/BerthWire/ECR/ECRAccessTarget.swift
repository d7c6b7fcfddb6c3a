/// What an ECR operation acts on, for authorization: read from the decoded input's `repositoryName`,
/// `repositoryNames`, `resourceArn` or `registryId` members (see the generated `ECR+AccessTargets.swift`).
public enum ECRAccessTarget: Sendable, Equatable {
    /// One repository (`registryId` nil means the caller's registry).
    case repository(name: String, registryId: String?)
    /// Several repositories; an empty list means every repository of the registry.
    case repositories(names: [String], registryId: String?)
    /// A resource named by its ARN (TagResource, UntagResource, ListTagsForResource).
    case resource(arn: String)
    /// The registry as a whole (GetAuthorizationToken, registry settings and policies).
    case registry(registryId: String?)

    /// The one repository named, if the target is one repository.
    public var repositoryName: String? {
        if case .repository(let name, _) = self { return name }
        return nil
    }
}

/// An operation input that names what it acts on. Every operation input conforms (generated), so the dispatcher can
/// authorize each call before it runs.
public protocol ECRAccessible {
    /// The resource this input asks to act on.
    var accessTarget: ECRAccessTarget { get }
}
