/// One statement of a policy document: who (principal), may or may not (effect) do what (action) to which
/// resources, under which conditions.
public struct PolicyStatement: Sendable, Equatable {
    /// `Sid`, when present.
    public var sid: String?
    /// `Effect`.
    public var effect: PolicyEffect
    /// `Principal` or `NotPrincipal` (one is required in resource policies).
    public var principal: PolicyPrincipalElement
    /// `Action` or `NotAction`.
    public var action: PolicyActionElement
    /// `Resource` or `NotResource`; nil when absent (a repository policy applies to its repository).
    public var resource: PolicyResourceElement?
    /// `Condition`, flattened to one entry per operator and key, in document order; empty when absent.
    public var conditions: [PolicyCondition]

    /// A statement from its parts.
    public init(
        sid: String? = nil, effect: PolicyEffect, principal: PolicyPrincipalElement, action: PolicyActionElement,
        resource: PolicyResourceElement? = nil, conditions: [PolicyCondition] = []
    ) {
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.action = action
        self.resource = resource
        self.conditions = conditions
    }
}

/// `Allow` or `Deny`.
public enum PolicyEffect: String, Sendable, Equatable {
    /// Grants what the statement describes (unless a Deny also matches).
    case allow = "Allow"
    /// Refuses what the statement describes, overriding any Allow.
    case deny = "Deny"
}

/// One `Condition` test: an operator (`StringEquals`, `ForAnyValue:StringLike`, `BoolIfExists`…), a condition
/// key and the values it is compared with (numbers and booleans kept as their JSON text).
public struct PolicyCondition: Sendable, Equatable {
    /// The operator name as written.
    public var operatorName: String
    /// The condition key, e.g. `aws:PrincipalOrgID`.
    public var key: String
    /// The values, at least one.
    public var values: [String]

    /// A condition from its parts.
    public init(operatorName: String, key: String, values: [String]) {
        self.operatorName = operatorName
        self.key = key
        self.values = values
    }
}
