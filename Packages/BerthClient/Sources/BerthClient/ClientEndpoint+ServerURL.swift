import Foundation

extension ClientEndpoint {
    /// The endpoint to mint a token for when a credential helper is asked about `serverURL` (what docker or
    /// podman send: `host[:port]`, or a URL such as `http://host:port/v2/`).
    ///
    /// The configured endpoint when it names the same registry host (or no host was given); otherwise the server
    /// itself, with the URL's scheme, or the configured endpoint's scheme, or `https`.
    /// - Parameters:
    ///   - serverURL: what the helper read on stdin.
    ///   - configured: the endpoint found by the usual rules, if any.
    /// - Returns: the endpoint, or nil when there is neither a usable server URL nor a configured endpoint.
    public static func forServerURL(_ serverURL: String, configured: ClientEndpoint?) -> ClientEndpoint? {
        var rest = Substring(serverURL.trimmingWhitespace())
        var scheme: String?
        if let range = rest.range(of: "://") {
            scheme = rest[..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        }
        let host = String(rest.prefix { $0 != "/" })
        guard !host.isEmpty else { return configured }
        if let configured, configured.registryHost == host, scheme == nil || scheme == configured.scheme { return configured }
        let chosen = scheme ?? configured?.scheme ?? "https"
        guard chosen == "http" || chosen == "https" else { return configured }
        return ClientEndpoint(baseURL: "\(chosen)://\(host)")
    }
}
