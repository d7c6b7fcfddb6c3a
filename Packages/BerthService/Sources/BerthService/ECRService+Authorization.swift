import BerthAuth
import BerthModel
public import BerthWire
import Foundation

extension ECRService {
    /// Mints a 12-hour password bound to the caller's access key; clients send it as Basic `AWS:<password>`.
    public func getAuthorizationToken(_ input: ECR.GetAuthorizationTokenRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.GetAuthorizationTokenResponse
    {
        try await run {
            let registries = input.registryIds ?? [accountID]
            let data = registries.map { _ in
                let token = tokens.mint(accessKeyID: context.accessKeyID, now: context.now, lifetimeSeconds: configuration.authorizationTokenLifetime)
                let basic = Base64.encode(Array("AWS:\(token.password)".utf8))
                return ECR.AuthorizationData(authorizationToken: basic, expiresAt: token.expiresAt, proxyEndpoint: configuration.proxyEndpoint)
            }
            return ECR.GetAuthorizationTokenResponse(authorizationData: data)
        }
    }
}
