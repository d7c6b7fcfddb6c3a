/// Who signed a request that verified: the access key and the region it was scoped to.
public struct VerifiedCaller: Sendable, Equatable {
    /// The access key ID from the credential scope.
    public var accessKeyID: String
    /// The region from the credential scope (always the verifier's region).
    public var region: String

    /// A caller from its access key ID and region.
    public init(accessKeyID: String, region: String) {
        self.accessKeyID = accessKeyID
        self.region = region
    }
}
