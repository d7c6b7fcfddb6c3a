import ArgumentParser
import BerthAuth
import BerthStoreSetup
import Foundation

/// berth-server's flags; each also reads its `BERTH_*` environment variable, and the flag wins.
struct ServerOptions: ParsableArguments {
    @Option(help: "Address to listen on (env BERTH_HOST).")
    var host: String = Environment.string("BERTH_HOST") ?? "127.0.0.1"

    @Option(help: "Port to listen on (env BERTH_PORT).")
    var port: Int = Environment.int("BERTH_PORT") ?? 5000

    @OptionGroup var stores: StoreOptions

    @Option(help: "The default region: the one /v2 serves on the public URL (env BERTH_REGION).")
    var region: String = Environment.string("BERTH_REGION") ?? "us-east-1"

    @Option(
        name: .customLong("regions"),
        help:
            "Comma-separated regions the server answers for, each its own registry (env BERTH_REGIONS; default: every region, as moto does)."
    )
    var regionsFlag: String?

    /// `--regions`, else `BERTH_REGIONS`.
    var regions: String? { regionsFlag ?? Environment.string("BERTH_REGIONS") }

    @Option(
        name: .customLong("registry-domain"),
        help:
            "A domain under which <account>.dkr.ecr.<region>.<domain> names a region's registry on /v2; repository URIs and proxy endpoints then use that form (env BERTH_REGISTRY_DOMAIN, e.g. localhost)."
    )
    var registryDomainFlag: String?

    /// `--registry-domain`, else `BERTH_REGISTRY_DOMAIN`.
    var registryDomain: String? { registryDomainFlag ?? Environment.string("BERTH_REGISTRY_DOMAIN") }

    /// The region list, when `--regions` restricts it (the default region always among them).
    var regionList: [String]? {
        regions.map { text in text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }

    @Option(name: .customLong("account-id"), help: "12-digit account id this registry answers as (env BERTH_ACCOUNT_ID).")
    var accountID: String = Environment.string("BERTH_ACCOUNT_ID") ?? "123456789012"

    @Option(
        name: .customLong("public-url"),
        help:
            "URL clients reach this server at; used for proxyEndpoint, repositoryUri and download URLs (env BERTH_PUBLIC_URL; default http://<host>:<port>)."
    )
    var publicURLFlag: String?

    /// `--public-url`, else `BERTH_PUBLIC_URL`.
    var publicURL: String? { publicURLFlag ?? Environment.string("BERTH_PUBLIC_URL") }

    @Flag(
        name: .customLong("create-on-push"),
        help:
            "Create a repository (default settings) when an image is pushed to one that does not exist (env BERTH_CREATE_ON_PUSH=1); ECR refuses such pushes."
    )
    var createOnPushFlag: Bool = false

    /// The flag or `BERTH_CREATE_ON_PUSH=1` (a Bool flag's default must be false, so the variable is read here).
    var createOnPush: Bool { createOnPushFlag || Environment.flag("BERTH_CREATE_ON_PUSH") }

    /// The public URL, defaulting to the listen address.
    var effectivePublicURL: String {
        if let publicURL { return publicURL }
        let visibleHost = (host == "0.0.0.0" || host == "::") ? "127.0.0.1" : host
        return "http://\(visibleHost):\(port)"
    }

    func validate() throws {
        guard accountID.count == 12, accountID.allSatisfy(\.isNumber) else {
            throw ValidationError("--account-id must be 12 digits")
        }
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1-65535") }
        guard SigV4RegionPolicy.isRegionName(region) else { throw ValidationError("--region '\(region)' is not a region name like us-east-1") }
        if let regionList {
            guard !regionList.isEmpty else { throw ValidationError("--regions must name at least one region") }
            if let bad = regionList.first(where: { !SigV4RegionPolicy.isRegionName($0) }) {
                throw ValidationError("--regions: '\(bad)' is not a region name like us-east-1")
            }
            guard regionList.contains(region) else { throw ValidationError("--regions must include the default --region \(region)") }
        }
    }
}
