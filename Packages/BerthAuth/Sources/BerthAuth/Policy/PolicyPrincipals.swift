import BerthModel

/// The principals a statement names: everyone (`"*"`), or lists of AWS accounts/ARNs, services and federated
/// identity providers.
public struct PolicyPrincipals: Sendable, Equatable {
    /// True for `"Principal": "*"` (or `{"AWS": "*"}`): anyone, signed or not.
    public var isEveryone: Bool
    /// `AWS` values: `*`, 12-digit account IDs or ARNs (`arn:aws:iam::123456789012:root`, roles, users).
    public var aws: [String]
    /// `Service` values, e.g. `codebuild.amazonaws.com`.
    public var service: [String]
    /// `Federated` values, e.g. `cognito-identity.amazonaws.com` or a SAML provider ARN.
    public var federated: [String]

    /// Principals from their parts.
    public init(isEveryone: Bool = false, aws: [String] = [], service: [String] = [], federated: [String] = []) {
        self.isEveryone = isEveryone
        self.aws = aws
        self.service = service
        self.federated = federated
    }

    /// `"*"`: everyone.
    public static let everyone = PolicyPrincipals(isEveryone: true)
}

/// `Principal` (the statement applies to these) or `NotPrincipal` (to everyone but these).
public enum PolicyPrincipalElement: Sendable, Equatable {
    /// `Principal`.
    case principal(PolicyPrincipals)
    /// `NotPrincipal`.
    case notPrincipal(PolicyPrincipals)
}

/// `Action` (these actions) or `NotAction` (every action but these); values may use `*` and `?`.
public enum PolicyActionElement: Sendable, Equatable {
    /// `Action`.
    case action([String])
    /// `NotAction`.
    case notAction([String])

    /// True when the element covers `action` (e.g. `ecr:BatchGetImage`); action names compare case-insensitively.
    public func covers(_ action: String) -> Bool {
        switch self {
        case .action(let patterns): patterns.contains { WildcardPattern.matches($0, action, questionMark: true, caseSensitive: false) }
        case .notAction(let patterns): !patterns.contains { WildcardPattern.matches($0, action, questionMark: true, caseSensitive: false) }
        }
    }
}

/// `Resource` (these ARNs) or `NotResource` (every resource but these); values may use `*` and `?`.
public enum PolicyResourceElement: Sendable, Equatable {
    /// `Resource`.
    case resource([String])
    /// `NotResource`.
    case notResource([String])

    /// True when the element covers the resource ARN `arn` (compared case-sensitively).
    public func covers(_ arn: String) -> Bool {
        switch self {
        case .resource(let patterns): patterns.contains { WildcardPattern.matches($0, arn, questionMark: true, caseSensitive: true) }
        case .notResource(let patterns): !patterns.contains { WildcardPattern.matches($0, arn, questionMark: true, caseSensitive: true) }
        }
    }
}
