/// What a command line says about where and as whom to connect; `nil` leaves the choice to the environment and
/// the shared AWS files.
public struct ClientOptions: Sendable, Equatable {
    /// `--endpoint-url`.
    public var endpointURL: String?
    /// `--profile`.
    public var profile: String?
    /// `--region`.
    public var region: String?

    /// Creates options.
    public init(endpointURL: String? = nil, profile: String? = nil, region: String? = nil) {
        self.endpointURL = endpointURL
        self.profile = profile
        self.region = region
    }
}
