import BerthModel

/// An ECR authorization token as GetAuthorizationToken hands it out: the registry password and its expiry.
public struct AuthorizationToken: Sendable, Equatable {
    /// The password for user `AWS` on `/v2/`: URL-safe characters only, never a `:`.
    public var password: String
    /// When it stops working, in seconds since the epoch (millisecond precision).
    public var expiresAt: Double

    /// A token from its parts.
    public init(password: String, expiresAt: Double) {
        self.password = password
        self.expiresAt = expiresAt
    }

    /// The `authorizationToken` field of ECR's `AuthorizationData`: base64 of `AWS:<password>`, which clients send
    /// as-is after `Basic `.
    public var authorizationToken: String {
        Base64.encode(Array("AWS:\(password)".utf8))
    }
}

/// What a valid authorization token says: who it was minted for and until when it is valid.
public struct TokenClaims: Sendable, Equatable {
    /// The access key ID whose GetAuthorizationToken call minted the token.
    public var accessKeyID: String
    /// The expiry in seconds since the epoch.
    public var expiresAt: Double

    /// Claims from their parts.
    public init(accessKeyID: String, expiresAt: Double) {
        self.accessKeyID = accessKeyID
        self.expiresAt = expiresAt
    }
}
