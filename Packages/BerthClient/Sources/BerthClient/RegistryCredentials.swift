import BerthModel

/// Basic-auth credentials for the registry (/v2/), as GetAuthorizationToken hands them out (`AWS` and the token).
public struct RegistryCredentials: Sendable, Equatable {
    /// The user name (`AWS` for a Berth or ECR token).
    public var username: String
    /// The password (the authorization token).
    public var password: String
    /// When the password stops working (seconds since 1970), if known.
    public var expiresAt: Double?

    /// Creates credentials.
    public init(username: String, password: String, expiresAt: Double? = nil) {
        self.username = username
        self.password = password
        self.expiresAt = expiresAt
    }

    /// base64 of `username:password`: the `auth` of a docker config entry and the value after `Basic `.
    public var basicAuth: String { Base64.encode(Array("\(username):\(password)".utf8)) }

    /// The `Authorization` header value for /v2/ requests: `Basic <basicAuth>`.
    public var authorizationHeader: String { "Basic \(basicAuth)" }
}
