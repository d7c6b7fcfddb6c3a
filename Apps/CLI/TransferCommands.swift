import ArgumentParser
import BerthClient
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The commands that move image bytes (push, pull), and what they share: reaching the registry and failing.
enum TransferCommands {
    static let all: [any ParsableCommand.Type] = [PushCommand.self, PullCommand.self]

    /// Keeps chunk buffers (several MiB each, one per job) mmapped so they go back to the system when freed: glibc
    /// otherwise raises its mmap threshold after the first free and serves later chunks from heaps that only grow
    /// (the same setting berth-server applies; `mallopt` lives in `<malloc.h>`, outside Swift's Glibc module).
    static func tuneMemory() {
        #if canImport(Glibc)
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            _ = mallopt(-3, 4 * 1024 * 1024)  // M_MMAP_THRESHOLD
            _ = mallopt(-8, 4)  // M_ARENA_MAX
        #endif
    }

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
