/// What the service knows about the caller and the moment of a request, beside its input.
public struct ECRRequestContext: Sendable {
    /// The access key ID that signed the request.
    public var accessKeyID: String
    /// The 12-digit account ID the key belongs to (the default `registryId`).
    public var accountID: String
    /// The region of the credential scope (e.g. `us-east-1`).
    public var region: String
    /// The request ID answered in `x-amzn-RequestId`.
    public var requestID: String
    /// The time of the request in epoch seconds.
    public var now: Double

    /// Creates a context.
    public init(accessKeyID: String, accountID: String, region: String, requestID: String, now: Double) {
        self.accessKeyID = accessKeyID
        self.accountID = accountID
        self.region = region
        self.requestID = requestID
        self.now = now
    }
}
