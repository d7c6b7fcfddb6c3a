public import BerthWire
import Foundation

/// Pull-through cache rules (ECR's `PullThroughCacheRule`, stored as is, keyed by the ECR repository prefix). They
/// are stored and validated now; pulls through them come with the upstream client.
extension Registry {
    /// The most rules one registry may hold.
    public static let maximumPullThroughCacheRules = 50

    /// Upstream registries by host, and which need a credential (a Secrets Manager ARN) to be reached.
    static let upstreams: [(registry: String, matches: @Sendable (String) -> Bool, needsCredential: Bool)] = [
        ("ecr-public", { $0 == "public.ecr.aws" }, false),
        ("docker-hub", { $0 == "registry-1.docker.io" }, true),
        ("github-container-registry", { $0 == "ghcr.io" }, true),
        ("gitlab-container-registry", { $0 == "registry.gitlab.com" }, true),
        ("k8s", { $0 == "registry.k8s.io" }, false),
        ("quay", { $0 == "quay.io" }, false),
        ("chainguard", { $0 == "cgr.dev" }, false),
        ("azure-container-registry", { $0.hasSuffix(".azurecr.io") && $0.count > ".azurecr.io".count }, true),
        ("ecr", { host in host.hasSuffix(".amazonaws.com") && host.split(separator: ".").count >= 6 && host.contains(".dkr.ecr.") }, false),
    ]

    /// Validates a new rule and fills what ECR derives (`upstreamRegistry`, `upstreamRepositoryPrefix`), then stores it.
    /// - Throws: `.unsupportedUpstreamRegistry`, `.invalidParameter`, `.pullThroughCacheRuleAlreadyExists`, `.limitExceeded`.
    public func createPullThroughCacheRule(_ rule: ECR.PullThroughCacheRule) throws -> ECR.PullThroughCacheRule {
        var rule = rule
        let url = rule.upstreamRegistryUrl ?? ""
        var host = Substring(url)
        if let scheme = host.range(of: "://") { host = host[scheme.upperBound...] }
        let hostname = String(host.split(separator: "/").first ?? "").lowercased()
        guard let upstream = Self.upstreams.first(where: { $0.matches(hostname) }) else {
            throw RegistryError.unsupportedUpstreamRegistry(url)
        }
        if let named = rule.upstreamRegistry, named != upstream.registry {
            throw RegistryError.invalidParameter(
                "Invalid parameter at 'upstreamRegistry' failed to satisfy constraint: 'The upstream registry \(named) does not match the URL \(url)'"
            )
        }
        rule.upstreamRegistry = upstream.registry
        if upstream.needsCredential, rule.credentialArn == nil {
            throw RegistryError.invalidParameter(
                "Invalid parameter at 'credentialArn' failed to satisfy constraint: 'A credential ARN is required for the upstream registry \(upstream.registry)'"
            )
        }
        let prefix = rule.ecrRepositoryPrefix ?? "ROOT"
        if prefix == "ROOT", let upstreamPrefix = rule.upstreamRepositoryPrefix, upstreamPrefix != "ROOT" {
            throw RegistryError.invalidParameter(
                "Invalid parameter at 'upstreamRepositoryPrefix' failed to satisfy constraint: 'can only be set when ecrRepositoryPrefix is not ROOT'"
            )
        }
        rule.upstreamRepositoryPrefix = rule.upstreamRepositoryPrefix ?? "ROOT"
        if try allRegistryDocuments(DocumentKind.pullThroughCacheRule, as: ECR.PullThroughCacheRule.self).count >= Self.maximumPullThroughCacheRules {
            throw RegistryError.limitExceeded("A registry can have at most \(Self.maximumPullThroughCacheRules) pull through cache rules")
        }
        guard try insertRegistryDocument(DocumentKind.pullThroughCacheRule, key: Self.templateKey(prefix), rule) else {
            throw RegistryError.pullThroughCacheRuleAlreadyExists(prefix)
        }
        return rule
    }

    /// The rule for `prefix`. - Throws: `.pullThroughCacheRuleNotFound`.
    public func pullThroughCacheRule(_ prefix: String) throws -> ECR.PullThroughCacheRule {
        guard let rule = try registryDocument(DocumentKind.pullThroughCacheRule, key: Self.templateKey(prefix), as: ECR.PullThroughCacheRule.self)
        else { throw RegistryError.pullThroughCacheRuleNotFound(prefix) }
        return rule
    }

    /// Replaces a rule with its changed version. - Throws: `.pullThroughCacheRuleNotFound`.
    public func updatePullThroughCacheRule(_ rule: ECR.PullThroughCacheRule) throws {
        let prefix = rule.ecrRepositoryPrefix ?? "ROOT"
        _ = try pullThroughCacheRule(prefix)
        try putRegistryDocument(DocumentKind.pullThroughCacheRule, key: Self.templateKey(prefix), rule)
    }

    /// Removes a rule; returns it. - Throws: `.pullThroughCacheRuleNotFound`.
    public func deletePullThroughCacheRule(_ prefix: String) throws -> ECR.PullThroughCacheRule {
        guard
            let rule = try deleteRegistryDocument(DocumentKind.pullThroughCacheRule, key: Self.templateKey(prefix), as: ECR.PullThroughCacheRule.self)
        else { throw RegistryError.pullThroughCacheRuleNotFound(prefix) }
        return rule
    }

    /// Every rule, by prefix.
    public func pullThroughCacheRules() throws -> [ECR.PullThroughCacheRule] {
        try allRegistryDocuments(DocumentKind.pullThroughCacheRule, as: ECR.PullThroughCacheRule.self).map(\.value)
    }
}
