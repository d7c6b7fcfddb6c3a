/// One IAM action on one resource, e.g. `ecr:BatchGetImage` on `arn:aws:ecr:us-east-1:123456789012:repository/app`.
public struct Permission: Sendable, Equatable, CustomStringConvertible {
    /// The IAM action (`ecr:<Operation>`).
    public var action: String
    /// The resource ARN, or `*` for registry-wide actions.
    public var resource: String

    /// A permission.
    public init(action: String, resource: String) {
        self.action = action
        self.resource = resource
    }

    /// `<action> on <resource>`.
    public var description: String { "\(action) on \(resource)" }
}

/// What one request asks to do, as the authorize point sees it: the caller and every permission the request needs.
/// An ECR operation needs one permission; a /v2/ push needs several (the upload actions and `ecr:PutImage`), and a
/// cross-repository mount also needs pull permissions on the source.
public struct AccessRequest: Sendable, Equatable {
    /// Who asks.
    public var caller: Caller
    /// What the request needs, all of it.
    public var permissions: [Permission]

    /// An access request.
    public init(caller: Caller, permissions: [Permission]) {
        self.caller = caller
        self.permissions = permissions
    }
}
