extension Registry {
    /// The one authorize point: every request of every door passes here before it runs.
    /// - Throws: `.accessDenied` naming the first permission the caller lacks.
    public func authorize(_ request: AccessRequest) async throws {
        let missing: Permission?
        do {
            missing = try await authorizer.missingPermission(in: request)
        } catch {
            throw RegistryError.backend("authorization failed: \(error)")
        }
        if let missing { throw RegistryError.accessDenied(principal: request.caller.principalARN, missing) }
    }

    /// The ARN of repository `name` in this registry.
    public func repositoryARN(_ name: String) -> String {
        configuration.repositoryARN(name)
    }
}
