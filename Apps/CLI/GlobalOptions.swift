import ArgumentParser
import BerthClient

/// The options every command that talks to a server takes, named as the `aws` CLI names them.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("endpoint-url"), help: "The server's URL (default: $BERTH_ENDPOINT, then $AWS_ENDPOINT_URL_ECR, $AWS_ENDPOINT_URL).")
    var endpointURL: String?

    @Option(help: "The profile in ~/.aws/credentials and ~/.aws/config (default: $AWS_PROFILE, then `default`).")
    var profile: String?

    @Option(help: "The region (default: $AWS_REGION, $AWS_DEFAULT_REGION, the profile's region, then us-east-1).")
    var region: String?

    /// The options as BerthClient takes them.
    var clientOptions: ClientOptions { ClientOptions(endpointURL: endpointURL, profile: profile, region: region) }

    /// The endpoint, region and credentials these options, the environment and the shared files give.
    func configuration() throws(ClientError) -> ClientConfiguration { try ClientConfiguration.resolve(clientOptions) }

    /// An ECR client for `configuration()`.
    func client() throws(ClientError) -> ECRClient { ECRClient(configuration: try configuration()) }
}
