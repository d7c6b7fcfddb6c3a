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
    /// Now, in epoch seconds.
    public let clock: @Sendable () -> Double

    public init(ecr: ECRService, verifier: SigV4Verifier, downloadURLs: URLSigner, clock: @escaping @Sendable () -> Double) {
        self.ecr = ecr
        self.verifier = verifier
        self.downloadURLs = downloadURLs
        self.clock = clock
    }

    /// The shared registry core.
    public var registry: Registry { ecr.registry }
}
