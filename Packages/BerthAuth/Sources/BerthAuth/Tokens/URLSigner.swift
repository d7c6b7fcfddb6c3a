import BerthCrypto
import BerthModel

/// Signs and verifies expiring download URLs, the ones GetDownloadUrlForLayer returns and berth-server serves.
///
/// The signature is an HMAC over the percent-decoded path and the expiry, so `sha256:…` and `sha256%3A…` are the
/// same URL; it carries no other state and needs no storage.
public struct URLSigner: Sendable {
    private let key: [UInt8]

    /// A signer whose signatures use a key derived from `signingKey`.
    public init(signingKey: [UInt8]) {
        key = HMACSHA256.authenticate("berth download url v1", key: signingKey)
    }

    /// Returns the query string to append (e.g. `"expires=...&signature=..."`) for `path` valid until `expiresAt`.
    /// - Parameters:
    ///   - path: the URL path, e.g. `/v2/team/app/blobs/sha256:…`.
    ///   - expiresAt: the expiry in seconds since the epoch (whole seconds; fractions are dropped).
    public func signQuery(path: String, expiresAt: Double) -> String {
        let expires = Int64(expiresAt.rounded(.down))
        return "expires=\(expires)&signature=\(signature(path: path, expires: expires))"
    }

    /// True when `query` carries a valid, unexpired signature for `path`.
    /// - Parameters:
    ///   - path: the path the request was made to, as received.
    ///   - query: the raw query string without `?`; other parameters are ignored.
    ///   - now: the current time in seconds since the epoch.
    public func verify(path: String, query: String, now: Double) -> Bool {
        let parameters = QueryParameters(raw: query)
        let expiries = parameters.values(for: "expires")
        let signatures = parameters.values(for: "signature")
        guard expiries.count == 1, signatures.count == 1, let expires = Int64(expiries[0]), now < Double(expires) else {
            return false
        }
        return ConstantTime.equals(signature(path: path, expires: expires), signatures[0])
    }

    private func signature(path: String, expires: Int64) -> String {
        let message = Array("\(expires)\n".utf8) + PercentEncoding.decodeBytes(path, plusAsSpace: false)
        return Base64.encode(HMACSHA256.authenticate(message, key: key), urlSafe: true)
    }
}
