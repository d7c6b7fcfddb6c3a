public import BerthAuth
public import BerthBlobStore
public import BerthMetadata
public import Logging
import Synchronization

/// Every region's registry on one server: each region is its own registry (repositories, images, settings,
/// policies, ARNs and URIs) over the one blob store and the one metadata store, scoped to the region. The ECR door
/// picks the region from the SigV4 credential scope; the /v2 door from the host name (`<account>.dkr.ecr.<region>.
/// <registry-domain>`), else the default region. Replication between regions of one server will copy between
/// these registries.
public final class Registries: Sendable {
    /// The region `/v2` serves on the public URL, and the one `--region` names.
    public let defaultRegion: String
    /// Which regions the server answers for.
    public let regions: SigV4RegionPolicy
    private let blobs: any BlobStore
    private let metadata: any MetadataStore
    private let base: RegistryConfiguration
    private let clock: @Sendable () -> Double
    private let authorizer: (any Authorizer)?
    private let logger: Logger
    private let tokens: AuthorizationTokenIssuer
    private let downloadURLs: URLSigner
    private let services = Mutex<[String: ECRService]>([:])

    /// The registries over `blobs` and `metadata` (an unscoped store: each region gets its scope). `base` gives the
    /// account, public URL and registry domain; its region is the default region.
    public init(
        blobs: any BlobStore, metadata: any MetadataStore, base: RegistryConfiguration, regions: SigV4RegionPolicy,
        tokens: AuthorizationTokenIssuer, downloadURLs: URLSigner, clock: @escaping @Sendable () -> Double, authorizer: (any Authorizer)? = nil,
        logger: Logger = Logger(label: "berth.registry")
    ) {
        self.blobs = blobs
        self.metadata = metadata
        self.base = base
        self.defaultRegion = base.region
        self.regions = regions
        self.tokens = tokens
        self.downloadURLs = downloadURLs
        self.clock = clock
        self.authorizer = authorizer
        self.logger = logger
    }

    /// The ECR service of `region` (made on first use).
    public func service(forRegion region: String) -> ECRService {
        services.withLock { services in
            if let service = services[region] { return service }
            var configuration = base
            configuration.region = region
            let registry = Registry(
                blobs: blobs, metadata: metadata.scoped(toRegistry: region), configuration: configuration, clock: clock, authorizer: authorizer,
                logger: logger)
            let service = ECRService(registry: registry, tokens: tokens, downloadURLs: downloadURLs)
            services[region] = service
            return service
        }
    }

    /// The default region's ECR service.
    public var defaultService: ECRService { service(forRegion: defaultRegion) }

    /// The registry of `region`.
    public func registry(forRegion region: String) -> Registry { service(forRegion: region).registry }

    /// The registry a /v2 request reaches by its host name: `<account>.dkr.ecr.<region>.<domain>[:port]` names a
    /// region (one the server answers for), anything else reaches the default region.
    public func registry(forHost host: String?) -> Registry {
        registry(forRegion: region(forHost: host) ?? defaultRegion)
    }

    /// The region a registry host name names, or nil.
    public func region(forHost host: String?) -> String? {
        guard let domain = base.registryDomain, let host else { return nil }
        let name = host.split(separator: ":").first.map(String.init) ?? host
        let prefix = "\(base.accountID).dkr.ecr."
        let suffix = ".\(domain)"
        guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count > prefix.count + suffix.count else { return nil }
        let region = String(name.dropFirst(prefix.count).dropLast(suffix.count))
        return regions.allows(region) ? region : nil
    }
}
