/// Why a lifecycle policy text was refused, in ECR's words.
public struct LifecyclePolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public var reason: String

    /// A refusal for `reason`.
    public init(_ reason: String) {
        self.reason = reason
    }

    /// The message ECR answers with InvalidParameterException.
    public var description: String {
        "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: \(reason)'"
    }
}
