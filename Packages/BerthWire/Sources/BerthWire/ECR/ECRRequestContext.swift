/// What the service knows about the caller and the moment of a request, beside its input.
public struct ECRRequestContext: Sendable {
    /// The access key ID that signed the request.
    public var accessKeyID: String
    /// The IAM principal the access key belongs to (e.g. `arn:aws:iam::123456789012:root`).
    public var principalARN: String
    /// The client's network address, when known.
    public var sourceAddress: String?
    /// The 12-digit account ID the key belongs to (the default `registryId`).
    public var accountID: String
    /// The region of the credential scope (e.g. `us-east-1`).
    public var region: String
    /// The request ID answered in `x-amzn-RequestId`.
    public var requestID: String
    /// The time of the request in epoch seconds.
    public var now: Double

    /// Creates a context. `principalARN` defaults to the account's root principal.
    public init(
        accessKeyID: String, principalARN: String? = nil, sourceAddress: String? = nil, accountID: String, region: String, requestID: String,
        now: Double
    ) {
        self.accessKeyID = accessKeyID
        self.principalARN = principalARN ?? "arn:aws:iam::\(accountID):root"
        self.sourceAddress = sourceAddress
        self.accountID = accountID
        self.region = region
        self.requestID = requestID
        self.now = now
    }
}
