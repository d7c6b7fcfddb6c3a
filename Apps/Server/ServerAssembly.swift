import BerthAuth
import BerthBlobStore
import BerthCrypto
import BerthHTTP
import BerthMetadata
import BerthService
import BerthStoreSetup
import Foundation

/// Opens the configured stores (the embedded default: files and SQLite in the data folder) and wires the services berth-server runs.
struct ServerAssembly {
    let services: BerthServices
    let rootKey: RootAccessKey

    init(options: ServerOptions) throws {
        let (blobs, store) = try options.stores.open()
        // Repositories from before stores had registries belong to the default region.
        try store.adoptUnscopedRepositories(into: options.region)
        rootKey = try RootAccessKey.load(from: store)
        let tokenKey = try Self.secret("authorization-token-signing-key", in: store)
        let urlKey = try Self.secret("download-url-signing-key", in: store)
        var configuration = RegistryConfiguration(accountID: options.accountID, region: options.region, publicURL: options.effectivePublicURL)
        configuration.registryDomain = options.registryDomain
        let clock: @Sendable () -> Double = { Date().timeIntervalSince1970 }
        // A testing aid: the registry's idea of "now" (push and pull times, lifecycle ages) may run ahead of the
        // wall clock, so tests can age images without waiting; signatures and tokens keep the real time.
        let registryClock = Environment.registryClock()
        let signer = URLSigner(signingKey: urlKey)
        let tokens = AuthorizationTokenIssuer(signingKey: tokenKey)
        let regions: SigV4RegionPolicy = options.regionList.map { .only(Set($0)) } ?? .any
        let registries = Registries(
            blobs: blobs, metadata: store, base: configuration, regions: regions, tokens: tokens, downloadURLs: signer, clock: registryClock)
        let verifier = SigV4Verifier(
            keys: StaticAccessKeyStore([rootKey.accessKeyID: rootKey.secretAccessKey], principalARN: Caller.rootPrincipal(of: options.accountID)),
            regions: regions)
        services = BerthServices(
            registries: registries, verifier: verifier, downloadURLs: signer, tokens: tokens, createOnPush: options.createOnPush, clock: clock)
    }

    /// A random 32-byte secret generated once per data folder (atomically, so replicas agree).
    private static func secret(_ name: String, in metadata: any MetadataStore) throws -> [UInt8] {
        let stored = try metadata.setSettingIfAbsent(name, value: Hex.encode(SecureRandom.bytes(32)))
        return Hex.decode(stored) ?? Array(stored.utf8)
    }

    /// What `make run` shows: the endpoint, the keys and a ready-to-paste aws CLI line.
    func banner(options: ServerOptions) -> String {
        let url = options.effectivePublicURL
        var lines = [
            "berth-server is listening on \(options.host):\(options.port) (data in \(options.stores.dataDir))",
            "  endpoint:   \(url)",
            "  region:     \(options.region)   account: \(options.accountID)",
            "  access key: \(rootKey.accessKeyID)",
        ]
        if rootKey.generatedNow {
            lines.append("  secret key: \(rootKey.secretAccessKey)   (generated now and kept in the metadata store; shown once)")
        } else if rootKey.fromEnvironment {
            lines.append("  secret key: from BERTH_ROOT_SECRET_ACCESS_KEY")
        } else {
            lines.append("  secret key: generated on first start and kept in the metadata store (printed then)")
        }
        lines.append(
            "  registry:   docker login --username AWS --password \"$(aws ecr get-login-password --endpoint-url \(url))\" \(url.split(separator: "/").last ?? "")"
        )
        lines.append("Try it:")
        lines.append(
            "  AWS_ACCESS_KEY_ID=\(rootKey.accessKeyID) AWS_SECRET_ACCESS_KEY=<secret key> aws ecr describe-repositories --region \(options.region) --endpoint-url \(url)"
        )
        return lines.joined(separator: "\n")
    }
}
