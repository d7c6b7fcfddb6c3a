public import BerthAuth
public import BerthService

/// Everything the HTTP layer needs, built once by the app.
public struct BerthServices: Sendable {
    /// Every region's registry and its ECR operations.
    public let registries: Registries
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

    /// The services of a server.
    public init(
        registries: Registries, verifier: SigV4Verifier, downloadURLs: URLSigner, tokens: AuthorizationTokenIssuer, createOnPush: Bool = false,
        clock: @escaping @Sendable () -> Double
    ) {
        self.registries = registries
        self.verifier = verifier
        self.downloadURLs = downloadURLs
        self.tokens = tokens
        self.createOnPush = createOnPush
        self.clock = clock
    }

    /// The default region's ECR operations.
    public var ecr: ECRService { registries.defaultService }

    /// The default region's registry core.
    public var registry: Registry { ecr.registry }
}
