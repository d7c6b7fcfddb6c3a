import ArgumentParser
import BerthClient
import Foundation

/// The commands that move image bytes (push, pull), and what they share: reaching the registry and failing.
enum TransferCommands {
    static let all: [any ParsableCommand.Type] = [PushCommand.self, PullCommand.self]

    /// A /v2/ client for `repository`: the endpoint and keys resolved from `global` as the ECR commands resolve them,
    /// the registry password minted with GetAuthorizationToken.
    static func registryClient(_ global: GlobalOptions, repository: String, jobs: Int) async throws(ClientError) -> RegistryClient {
        let configuration = try global.configuration()
        let credentials = try await ECRClient(configuration: configuration).registryCredentials()
        return RegistryClient(
            endpoint: configuration.endpoint, repository: repository, credentials: credentials, transport: URLSessionTransport(),
            streaming: StreamingTransport(connections: jobs + 2))
    }

    /// Prints a failure as one line on stderr and returns the exit to throw, with `CommandFailure`'s codes: 1 the
    /// server refused or failed, 2 the local image or configuration is wrong, 3 the server could not be reached.
    static func report(_ error: any Error) -> any Error {
        guard let error = error as? TransferError else { return CommandFailure.report(error) }
        let code: Int32
        switch error {
        case .unreachable: code = 3
        case .invalidSource, .fileFailure: code = 2
        default: code = 1
        }
        CommandFailure.printError("berth: \(error)")
        return ExitCode(code)
    }
}
