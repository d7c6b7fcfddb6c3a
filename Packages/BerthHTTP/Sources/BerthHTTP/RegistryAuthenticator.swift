import BerthAuth
import BerthService
import BerthWire
import Hummingbird

/// Authenticates /v2/ requests as ECR does: Basic `AWS:<password from GetAuthorizationToken>`; and, for clients
/// that only speak Bearer, a Bearer token from `/v2/token` (advertised only to clients that sent a Bearer header).
struct RegistryAuthenticator: Sendable {
    /// How long a Bearer token from `/v2/token` lives.
    static let bearerLifetime: Double = 900

    let services: BerthServices
    /// The registry the challenge names.
    let registry: Registry

    /// The caller (the principal of the access key the password was minted for), or the 401 to send. A password
    /// whose key no longer exists authenticates nobody.
    func authenticate(_ request: Request, sourceAddress: String?) -> Result<Caller, OCIError> {
        let header = request.headers[.authorization]
        let now = services.clock()
        var bearer = false
        var claims: TokenClaims?
        switch RegistryAuthorization.parse(header) {
        case .basic(let user, let password)?:
            if user == "AWS" { claims = services.tokens.verify(password: password, now: now) }
        case .bearer(let token)?:
            bearer = true
            claims = services.tokens.verify(password: token, now: now)
        case nil:
            break
        }
        guard let claims, let principal = services.verifier.principalARN(for: claims.accessKeyID) else {
            return .failure(challenge(bearer: bearer))
        }
        return .success(Caller(principalARN: principal, accessKeyID: claims.accessKeyID, sourceAddress: sourceAddress))
    }

    /// The 401 with ECR's Basic challenge, or a Bearer challenge pointing at `/v2/token`.
    func challenge(bearer: Bool) -> OCIError {
        let publicURL = registry.configuration.proxyEndpoint
        let value = bearer ? RegistryChallenge.bearer(publicURL: publicURL) : RegistryChallenge.basic(publicURL: publicURL)
        return OCIError.unauthorized(challenge: value)
    }

    /// `GET /v2/token`: exchanges valid Basic credentials for a short-lived Bearer token (docker's token format).
    func issueBearerToken(_ request: Request) -> Response {
        guard case .basic(let user, let password)? = RegistryAuthorization.parse(request.headers[.authorization]), user == "AWS",
            let claims = services.tokens.verify(password: password, now: services.clock())
        else {
            return OCIReply.error(challenge(bearer: false), method: request.method)
        }
        let now = services.clock()
        let lifetime = min(Self.bearerLifetime, claims.expiresAt - now)
        let token = services.tokens.mint(accessKeyID: claims.accessKeyID, now: now, lifetimeSeconds: lifetime)
        let seconds = Int(lifetime)
        let body = "{\"token\":\"\(token.password)\",\"access_token\":\"\(token.password)\",\"expires_in\":\(seconds)}"
        return OCIReply.bytes(Array(body.utf8), contentType: "application/json", status: .ok, method: request.method)
    }
}
