public import Foundation

/// Where a Berth server answers: the base URL of both the ECR API (`POST /`) and the registry (`/v2/`).
public struct ClientEndpoint: Sendable, Equatable {
    /// The server's base URL, such as `http://127.0.0.1:5000`.
    public var baseURL: String

    /// Creates an endpoint for a base URL (a trailing `/` is dropped).
    public init(baseURL: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    /// Creates an endpoint from a URL a user gave, checking it is `http(s)://host[:port][/]`.
    /// - Parameters:
    ///   - text: the URL.
    ///   - source: where it came from (`--endpoint-url`, `BERTH_ENDPOINT`, ...), named in the error.
    /// - Throws: `ClientError.configuration` when it is not an http or https URL with a host.
    public init(validating text: String, source: String) throws(ClientError) {
        let endpoint = ClientEndpoint(baseURL: text.trimmingWhitespace())
        guard let components = URLComponents(string: endpoint.baseURL), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            throw .configuration("\(source) is not an http(s) URL with a host: \(text)")
        }
        self = endpoint
    }

    /// `http` or `https`.
    public var scheme: String { URLComponents(string: baseURL)?.scheme?.lowercased() ?? "https" }

    /// The authority clients name the registry by and send as `Host`: `host[:port]`, the port left out when it is
    /// the scheme's default (`127.0.0.1:5000`, `registry.example.com`). Docker's config keys and image references
    /// use it (`<registryHost>/<repository>:<tag>`).
    public var registryHost: String {
        guard let components = URLComponents(string: baseURL), let host = components.host else { return baseURL }
        let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        guard let port = components.port else { return shown }
        let defaultPort = scheme == "http" ? 80 : 443
        return port == defaultPort ? shown : "\(shown):\(port)"
    }

    /// The URL of `path` (which starts with `/`) on this server; nil if the base URL does not parse.
    public func url(path: String) -> URL? { URL(string: baseURL + path) }
}
