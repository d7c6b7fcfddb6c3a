/// Everything needed to call a server: its endpoint, the region to sign for, and the credentials, found the way
/// the AWS tools find them (see `resolve(_:environment:files:)`).
public struct ClientConfiguration: Sendable, Equatable {
    /// The server.
    public var endpoint: ClientEndpoint
    /// The region requests are signed for.
    public var region: String
    /// The access key requests are signed with.
    public var credentials: AWSCredentials

    /// Creates a configuration from its parts.
    public init(endpoint: ClientEndpoint, region: String, credentials: AWSCredentials) {
        self.endpoint = endpoint
        self.region = region
        self.credentials = credentials
    }

    /// Resolves the configuration from the options, the environment and the shared files.
    ///
    /// - Endpoint: `--endpoint-url` > `BERTH_ENDPOINT` > `AWS_ENDPOINT_URL_ECR` > `AWS_ENDPOINT_URL` > the
    ///   profile's `endpoint_url` (`endpoint` overrides all of them when given).
    /// - Credentials: `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN` (skipped when `--profile` is
    ///   given, as botocore skips them), else the profile's keys in the credentials file, then in the config file.
    /// - Region: `--region` > `AWS_REGION` > `AWS_DEFAULT_REGION` > the profile's `region` > `us-east-1`.
    /// - Profile: `--profile` > `AWS_PROFILE` > `default`.
    /// - Parameters:
    ///   - options: what the command line said.
    ///   - environment: the process environment.
    ///   - files: the shared files.
    ///   - endpoint: an endpoint chosen by the caller (the credential helper's server), used when given.
    /// - Throws: `ClientError.configuration` naming what is missing and where it looked.
    public static func resolve(
        _ options: ClientOptions, environment: [String: String], files: SharedConfigFiles, endpoint: ClientEndpoint? = nil
    ) throws(ClientError) -> ClientConfiguration {
        let resolver = ConfigurationResolver(options: options, environment: environment, files: files)
        var found = endpoint
        if found == nil { found = try resolver.endpoint() }
        guard let found else {
            throw .configuration(
                "no endpoint: pass --endpoint-url or set BERTH_ENDPOINT, AWS_ENDPOINT_URL_ECR or AWS_ENDPOINT_URL, "
                    + "or endpoint_url in profile '\(resolver.profile)' of \(files.configPath)")
        }
        return ClientConfiguration(endpoint: found, region: resolver.region(), credentials: try resolver.credentials())
    }
}
