import ArgumentParser

/// The options every command that talks to a server takes, named as the `aws` CLI names them.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("endpoint-url"), help: "The server's URL (default: $BERTH_ENDPOINT, then $AWS_ENDPOINT_URL_ECR, $AWS_ENDPOINT_URL).")
    var endpointURL: String?

    @Option(help: "The profile in ~/.aws/credentials and ~/.aws/config (default: $AWS_PROFILE, then `default`).")
    var profile: String?

    @Option(help: "The region (default: $AWS_REGION, $AWS_DEFAULT_REGION, the profile's region, then us-east-1).")
    var region: String?
}
