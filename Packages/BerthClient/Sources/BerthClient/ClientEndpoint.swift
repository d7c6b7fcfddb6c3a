/// Where a Berth server answers: the base URL of both the ECR API (`POST /`) and the registry (`/v2/`).
public struct ClientEndpoint: Sendable, Equatable {
    /// The server's base URL, such as `http://127.0.0.1:5000`.
    public var baseURL: String

    /// Creates an endpoint for a base URL (a trailing `/` is dropped).
    public init(baseURL: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }
}
