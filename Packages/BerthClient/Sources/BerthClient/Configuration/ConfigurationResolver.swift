/// The precedence rules of `ClientConfiguration.resolve`, one setting at a time (the credential helper needs the
/// endpoint alone: a missing one is not an error there).
public struct ConfigurationResolver: Sendable {
    /// What the command line said.
    public var options: ClientOptions
    /// The process environment.
    public var environment: [String: String]
    /// The shared files.
    public var files: SharedConfigFiles

    /// Creates a resolver.
    public init(options: ClientOptions, environment: [String: String], files: SharedConfigFiles) {
        self.options = options
        self.environment = environment
        self.files = files
    }

    /// The profile: `--profile` > `AWS_PROFILE` > `default`.
    public var profile: String { nonEmpty(options.profile) ?? nonEmpty(environment["AWS_PROFILE"]) ?? "default" }

    /// The configured endpoint, or nil when none of the places names one.
    /// - Throws: `ClientError.configuration` when the chosen one is not an http(s) URL.
    public func endpoint() throws(ClientError) -> ClientEndpoint? {
        if let url = nonEmpty(options.endpointURL) { return try ClientEndpoint(validating: url, source: "--endpoint-url") }
        for variable in ["BERTH_ENDPOINT", "AWS_ENDPOINT_URL_ECR", "AWS_ENDPOINT_URL"] {
            if let url = nonEmpty(environment[variable]) { return try ClientEndpoint(validating: url, source: variable) }
        }
        if let url = nonEmpty(files.configSection(profile: profile)?["endpoint_url"]) {
            return try ClientEndpoint(validating: url, source: "endpoint_url of profile '\(profile)' in \(files.configPath)")
        }
        return nil
    }

    /// The region: `--region` > `AWS_REGION` > `AWS_DEFAULT_REGION` > the profile's `region` > `us-east-1`.
    public func region() -> String {
        nonEmpty(options.region) ?? nonEmpty(environment["AWS_REGION"]) ?? nonEmpty(environment["AWS_DEFAULT_REGION"])
            ?? nonEmpty(files.configSection(profile: profile)?["region"]) ?? "us-east-1"
    }

    /// The credentials: the environment's (unless `--profile` was given), else the profile's in the credentials
    /// file, then in the config file.
    /// - Throws: `ClientError.configuration` when only half a key is set, or none is found.
    public func credentials() throws(ClientError) -> AWSCredentials {
        if nonEmpty(options.profile) == nil, let key = nonEmpty(environment["AWS_ACCESS_KEY_ID"]) {
            guard let secret = nonEmpty(environment["AWS_SECRET_ACCESS_KEY"]) else {
                throw .configuration("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
            }
            return AWSCredentials(
                accessKeyID: key, secretAccessKey: secret, sessionToken: nonEmpty(environment["AWS_SESSION_TOKEN"]), source: "environment")
        }
        let places = [
            (files.credentialsSection(profile: profile), files.credentialsPath), (files.configSection(profile: profile), files.configPath),
        ]
        for (section, path) in places {
            guard let section, let key = nonEmpty(section["aws_access_key_id"]) else { continue }
            guard let secret = nonEmpty(section["aws_secret_access_key"]) else {
                throw .configuration("profile '\(profile)' in \(path) has aws_access_key_id but no aws_secret_access_key")
            }
            return AWSCredentials(
                accessKeyID: key, secretAccessKey: secret, sessionToken: nonEmpty(section["aws_session_token"]),
                source: "profile '\(profile)' in \(path)")
        }
        throw .configuration(
            "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or aws_access_key_id and aws_secret_access_key "
                + "in profile '\(profile)' of \(files.credentialsPath) or \(files.configPath)")
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingWhitespace(), !value.isEmpty else { return nil }
        return value
    }
}
