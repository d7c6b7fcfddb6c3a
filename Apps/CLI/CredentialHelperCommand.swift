import ArgumentParser
import BerthClient
import BerthModel
import Foundation

/// `berth credential-helper <get|store|erase|list>`: the docker credential-helper protocol, also reached as
/// `docker-credential-berth` (a symlink to `berth`).
struct CredentialHelperCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credential-helper", abstract: "Docker credential helper: mints a fresh registry token on every `get`.",
        discussion: """
            get: reads a server URL (host:port or http(s)://host:port) on stdin and prints {"ServerURL","Username","Secret"}. \
            store and erase accept and ignore their input (tokens are minted, never stored); list prints the configured registry. \
            Install: `ln -s "$(command -v berth)" /usr/local/bin/docker-credential-berth`, then `berth login --credential-helper`.
            """)

    /// The protocol's actions.
    enum Action: String, ExpressibleByArgument, CaseIterable {
        case get, store, erase, list
    }

    /// What `get` prints.
    struct Answer: Encodable {
        var serverURL: String
        var username: String
        var secret: String

        enum CodingKeys: String, CodingKey {
            case serverURL = "ServerURL"
            case username = "Username"
            case secret = "Secret"
        }
    }

    /// The message docker and podman read as "no credentials here" rather than a failure.
    static let notFound = "credentials not found in native keychain"

    @OptionGroup var global: GlobalOptions
    @Argument(help: "get, store, erase or list.") var action: Action

    func run() async throws {
        do {
            switch action {
            case .get: try await get()
            case .store, .erase: _ = FileHandle.standardInput.readDataToEndOfFile()
            case .list: try list()
            }
        } catch {
            // The protocol reads a helper's error message from stdout.
            Output.write("\(error)")
            throw ExitCode.failure
        }
    }

    private func get() async throws {
        let serverURL = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let files = try SharedConfigFiles.loadForProcess()
        let resolver = ConfigurationResolver(options: global.clientOptions, environment: ProcessInfo.processInfo.environment, files: files)
        guard let endpoint = ClientEndpoint.forServerURL(serverURL, configured: try resolver.endpoint()) else {
            throw CommandError(description: Self.notFound)
        }
        let client = ECRClient(configuration: try ClientConfiguration.resolve(global.clientOptions, endpoint: endpoint))
        let credentials = try await client.registryCredentials()
        try Output.printJSON(Answer(serverURL: serverURL, username: credentials.username, secret: credentials.password))
    }

    private func list() throws {
        let files = try SharedConfigFiles.loadForProcess()
        let resolver = ConfigurationResolver(options: global.clientOptions, environment: ProcessInfo.processInfo.environment, files: files)
        var registries: [String: String] = [:]
        if let endpoint = try resolver.endpoint() { registries[endpoint.registryHost] = "AWS" }
        try Output.printJSON(registries)
    }
}
