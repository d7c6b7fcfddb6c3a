public import BerthAuth
public import BerthService

/// Everything the HTTP layer needs, built once by the app.
public struct BerthServices: Sendable {
    /// The ECR operations.
    public let ecr: ECRService
    /// Verifies SigV4 on every ECR API call.
    public let verifier: SigV4Verifier
    /// Verifies the signed layer download URLs.
    public let downloadURLs: URLSigner
    /// Verifies the registry passwords (GetAuthorizationToken) and mints Bearer tokens for /v2/.
    public let tokens: AuthorizationTokenIssuer
    /// Whether a push to a missing repository creates it (`--create-on-push`); ECR answers NAME_UNKNOWN.
    public let createOnPush: Bool
    /// Now, in epoch seconds.
    public let clock: @Sendable () -> Double

    public init(
        ecr: ECRService, verifier: SigV4Verifier, downloadURLs: URLSigner, tokens: AuthorizationTokenIssuer, createOnPush: Bool = false,
        clock: @escaping @Sendable () -> Double
    ) {
        self.ecr = ecr
        self.verifier = verifier
        self.downloadURLs = downloadURLs
        self.tokens = tokens
        self.createOnPush = createOnPush
        self.clock = clock
    }

    /// The shared registry core.
    public var registry: Registry { ecr.registry }
}
