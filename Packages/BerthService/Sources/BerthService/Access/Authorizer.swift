/// Decides whether a caller may do what a request asks. The registry core calls its authorizer exactly once per
/// request, before anything runs (`Registry.authorize`); IAM identity policies, repository and registry policies
/// plug in here and nowhere else.
public protocol Authorizer: Sendable {
    /// Returns the first permission the caller lacks, or nil when every permission is granted.
    func missingPermission(in request: AccessRequest) async throws -> Permission?
}

/// The authorizer of a registry with only its root access key: the account's root principal may do everything,
/// any other principal nothing (there is no way to create one yet).
public struct RootAuthorizer: Authorizer {
    /// The root principal allowed everything.
    public let rootPrincipal: String

    /// The authorizer for `accountID`'s root principal.
    public init(accountID: String) {
        self.rootPrincipal = Caller.rootPrincipal(of: accountID)
    }

    /// Nil for the root principal; otherwise the first permission.
    public func missingPermission(in request: AccessRequest) async throws -> Permission? {
        request.caller.principalARN == rootPrincipal ? nil : request.permissions.first
    }
}
