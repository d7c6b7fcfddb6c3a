import BerthModel
import BerthWire

extension ECRClient {
    /// Mints registry credentials with GetAuthorizationToken: the token is base64 `AWS:<password>`.
    /// - Returns: the user name (`AWS`), the password and when it expires.
    /// - Throws: `ClientError` (refused credentials, an unreachable server, a token that is not base64 `user:password`).
    public func registryCredentials() async throws(ClientError) -> RegistryCredentials {
        let answer = try await call(.getAuthorizationToken, ECR.GetAuthorizationTokenRequest(), as: ECR.GetAuthorizationTokenResponse.self)
        guard let data = answer.authorizationData?.first, let token = data.authorizationToken else {
            throw .invalidResponse("GetAuthorizationToken returned no authorizationData")
        }
        guard let decoded = Base64.decode(token), case let text = String(decoding: decoded, as: UTF8.self), let colon = text.firstIndex(of: ":")
        else {
            throw .invalidResponse("GetAuthorizationToken's token is not base64 of user:password")
        }
        return RegistryCredentials(
            username: String(text[..<colon]), password: String(text[text.index(after: colon)...]), expiresAt: data.expiresAt)
    }
}
