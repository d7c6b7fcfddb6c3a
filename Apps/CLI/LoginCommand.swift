import ArgumentParser
import BerthClient
import Foundation

/// `berth login`: registry credentials for docker, podman and skopeo, in their auth file.
struct LoginCommand: ClientCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: "Write registry credentials for docker, podman and skopeo.",
        discussion: """
            Mints a token (GetAuthorizationToken) and stores auths.<host:port>.auth = base64 AWS:<token> in the auth file, \
            keeping its other entries. With --credential-helper it writes credHelpers.<host:port> = "berth" instead, so \
            docker and podman run docker-credential-berth (a symlink to berth on PATH) for a fresh token every time.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(
        help: ArgumentHelp("The file to write (default: $REGISTRY_AUTH_FILE, $DOCKER_CONFIG/config.json, ~/.docker/config.json).", valueName: "path"),
        completion: .file())
    var authFile: String?
    @Flag(help: "Name the berth credential helper for this registry instead of storing a token that expires.")
    var credentialHelper = false

    func run(client: ECRClient) async throws {
        let path = authFile ?? DockerConfigFile.defaultPath(environment: ProcessInfo.processInfo.environment)
        let host = client.registryHost
        var file = try DockerConfigFile.load(path: path)
        // Minting a token first proves the endpoint and the credentials work, in both modes.
        let credentials = try await client.registryCredentials()
        if credentialHelper {
            file.setCredentialHelper(host: host, helper: "berth")
            try file.save(path: path)
            Output.write("Login Succeeded: \(host) uses docker-credential-berth (\(path))")
        } else {
            file.setAuth(host: host, credentials: credentials)
            try file.save(path: path)
            let expiry = credentials.expiresAt.map { ", token valid until \(Formatting.time($0))" } ?? ""
            Output.write("Login Succeeded: \(host) (\(path)\(expiry))")
        }
    }
}
