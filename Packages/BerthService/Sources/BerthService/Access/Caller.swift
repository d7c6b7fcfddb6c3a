/// Who is making a request, as every door learns it: the IAM principal, the access key that proved it (SigV4 on the
/// ECR API, the registry password or Bearer token on /v2/), and where the request came from.
public struct Caller: Sendable, Equatable {
    /// The IAM principal, e.g. `arn:aws:iam::123456789012:root`.
    public var principalARN: String
    /// The access key the request was authenticated with.
    public var accessKeyID: String
    /// The client's network address, when known.
    public var sourceAddress: String?

    /// A caller.
    public init(principalARN: String, accessKeyID: String, sourceAddress: String? = nil) {
        self.principalARN = principalARN
        self.accessKeyID = accessKeyID
        self.sourceAddress = sourceAddress
    }

    /// The root principal of `accountID` (`arn:aws:iam::<account>:root`).
    public static func rootPrincipal(of accountID: String) -> String {
        "arn:aws:iam::\(accountID):root"
    }
}
