import BerthCrypto
import BerthModel

/// Mints and verifies ECR authorization tokens without storage: the password is an HMAC-signed payload.
///
/// Password layout: `base64url(payload) "." base64url(HMAC-SHA256(key, payload))`, where the payload is
/// version (1 byte, 1), expiry in milliseconds since the epoch (8 bytes big-endian), a random nonce (16 bytes) and
/// the access key ID (UTF-8). Every replica holding the same signing key verifies every other replica's tokens.
public struct AuthorizationTokenIssuer: Sendable {
    private static let version: UInt8 = 1
    private static let nonceLength = 16
    private static let headerLength = 1 + 8 + nonceLength
    /// Longer passwords are refused before any decoding.
    private static let maximumPasswordLength = 2048

    private let key: [UInt8]

    /// An issuer whose tokens are signed under a key derived from `signingKey` (at least 32 random bytes advised).
    public init(signingKey: [UInt8]) {
        key = HMACSHA256.authenticate("berth authorization token v1", key: signingKey)
    }

    /// Mints a new token for `accessKeyID`, valid from `now` for `lifetimeSeconds` (ECR: 12 hours).
    /// - Returns: the password and its expiry; two calls never return the same password.
    public func mint(accessKeyID: String, now: Double, lifetimeSeconds: Double = 43_200) -> AuthorizationToken {
        let expiresMilliseconds = UInt64(max(0, ((now + lifetimeSeconds) * 1000).rounded(.down)))
        var payload = [Self.version]
        for shift in stride(from: 56, through: 0, by: -8) { payload.append(UInt8(truncatingIfNeeded: expiresMilliseconds >> UInt64(shift))) }
        payload += SecureRandom.bytes(Self.nonceLength)
        payload += Array(accessKeyID.utf8)
        let mac = HMACSHA256.authenticate(payload, key: key)
        let password = Base64.encode(payload, urlSafe: true) + "." + Base64.encode(mac, urlSafe: true)
        return AuthorizationToken(password: password, expiresAt: Double(expiresMilliseconds) / 1000)
    }

    /// The claims of `password` when it was minted with this key, is unaltered and has not expired at `now`.
    /// - Returns: nil for anything else: malformed, altered, minted under another key, or expired.
    public func verify(password: String, now: Double) -> TokenClaims? {
        guard password.utf8.count <= Self.maximumPasswordLength else { return nil }
        let parts = password.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Base64.decode(parts[0], urlSafe: true).map(Array.init),
            let mac = Base64.decode(parts[1], urlSafe: true).map(Array.init),
            ConstantTime.equals(HMACSHA256.authenticate(payload, key: key), mac),
            payload.count > Self.headerLength, payload[0] == Self.version
        else { return nil }
        let expiresMilliseconds = payload[1...8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let expiresAt = Double(expiresMilliseconds) / 1000
        guard now < expiresAt else { return nil }
        let accessKeyID = String(decoding: payload[Self.headerLength...], as: UTF8.self)
        return TokenClaims(accessKeyID: accessKeyID, expiresAt: expiresAt)
    }

    /// Verifies an HTTP `Authorization: Basic …` value whose user is `AWS`, as docker and the other registry
    /// clients send the ECR token on `/v2/`.
    /// - Parameters:
    ///   - basicAuthorization: the whole header value, e.g. `"Basic QVdTOmV5Si4uLg=="`.
    ///   - now: the current time in seconds since the epoch.
    /// - Returns: the claims, or nil when the scheme is not Basic, the user is not `AWS` or the password fails.
    public func verify(basicAuthorization: String, now: Double) -> TokenClaims? {
        let trimmed = basicAuthorization.trimmingWhitespace()
        guard trimmed.count > 6, trimmed.prefix(6).lowercased() == "basic ",
            let decoded = Base64.decode(trimmed.dropFirst(6).trimmingWhitespace())
        else { return nil }
        let text = String(decoding: decoded, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":"), text[..<colon] == "AWS" else { return nil }
        return verify(password: String(text[text.index(after: colon)...]), now: now)
    }
}
