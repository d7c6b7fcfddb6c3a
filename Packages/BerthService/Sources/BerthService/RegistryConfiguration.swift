import Foundation

/// The registry-wide facts every operation needs: who we are and where clients reach us.
public struct RegistryConfiguration: Sendable {
    /// The 12-digit account id this registry answers as (`registryId`).
    public var accountID: String
    /// The AWS region this registry answers as.
    public var region: String
    /// The URL clients use to reach this server, without a trailing slash (e.g. `http://127.0.0.1:5000`).
    public var publicURL: String
    /// With a registry domain (e.g. `localhost`), each region's registry is also reached as
    /// `<account>.dkr.ecr.<region>.<domain>[:port]`, and repository URIs and proxy endpoints use that form.
    public var registryDomain: String?
    /// The smallest part ECR accepts except the last (5 MiB).
    public var minimumPartSize: Int64 = 5 * 1024 * 1024
    /// The largest part ECR accepts (10 MiB), also the `partSize` InitiateLayerUpload announces.
    public var maximumPartSize: Int64 = 10 * 1024 * 1024
    /// The most parts one layer upload may have.
    public var maximumPartCount: Int = 4_200
    /// How long a GetDownloadUrlForLayer URL stays valid, in seconds.
    public var downloadURLLifetime: Double = 3_600
    /// How long a GetAuthorizationToken token stays valid, in seconds (ECR: 12 hours).
    public var authorizationTokenLifetime: Double = 43_200

    public init(accountID: String, region: String, publicURL: String) {
        self.accountID = accountID
        self.region = region
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }

    /// The `host[:port]` of the public URL.
    public var publicHost: String {
        var rest = Substring(publicURL)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        return String(rest.split(separator: "/", maxSplits: 1).first ?? rest)
    }

    /// The registry host clients put in image references: `<account>.dkr.ecr.<region>.<domain>[:port]` with a
    /// registry domain, else the public URL's `host[:port]`.
    public var registryHost: String {
        guard let registryDomain else { return publicHost }
        let port = publicHost.split(separator: ":").dropFirst().first.map { ":\($0)" } ?? ""
        return "\(accountID).dkr.ecr.\(region).\(registryDomain)\(port)"
    }

    /// The endpoint GetAuthorizationToken names (`proxyEndpoint`): the registry host with the public URL's scheme.
    public var proxyEndpoint: String {
        guard registryDomain != nil else { return publicURL }
        let scheme = publicURL.hasPrefix("https://") ? "https" : "http"
        return "\(scheme)://\(registryHost)"
    }

    /// The ARN ECR gives a repository (of this registry, or of `registryId`'s).
    public func repositoryARN(_ name: String, registryId: String? = nil) -> String {
        "arn:aws:ecr:\(region):\(registryId ?? accountID):repository/\(name)"
    }

    /// The URI clients pull a repository from.
    public func repositoryURI(_ name: String) -> String {
        "\(registryHost)/\(name)"
    }
}
