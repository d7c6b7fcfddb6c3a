import ArgumentParser
import BerthClient
import Foundation

/// The commands that move image bytes (push, pull), and what they share: reaching the registry and failing.
enum TransferCommands {
    static let all: [any ParsableCommand.Type] = [PushCommand.self, PullCommand.self]

    /// A /v2/ client for `repository`: the endpoint and keys resolved from `global` as the ECR commands resolve them,
    /// the registry password minted with GetAuthorizationToken.
    static func registryClient(_ global: GlobalOptions, repository: String, jobs: Int) async throws(ClientError) -> RegistryClient {
        let options = ClientOptions(endpointURL: global.endpointURL, profile: global.profile, region: global.region)
        let configuration = try ClientConfiguration.resolve(options)
        let credentials = try await ECRClient(configuration: configuration).registryCredentials()
        return RegistryClient(
            endpoint: configuration.endpoint, repository: repository, credentials: credentials, transport: URLSessionTransport(),
            streaming: StreamingTransport(connections: jobs + 2))
    }

    /// Prints `message` as one line on stderr and exits non-zero.
    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("berth: error: \(message)\n".utf8))
        return ExitCode(1)
    }
}
