import BerthModel
public import Foundation

/// A docker `config.json` (or a containers `auth.json`, the same format): `auths.<host>.auth` holds base64
/// `user:password`, `credHelpers.<host>` names a `docker-credential-<name>` program. Every other entry is kept as read.
public struct DockerConfigFile: Sendable, Equatable {
    /// The file's top-level object.
    public var root: [String: JSONValue]

    /// An empty file (`{}`).
    public init() { root = [:] }

    /// Parses a file's bytes (empty or only whitespace reads as `{}`).
    /// - Throws: `ClientError.configuration` when it is not a JSON object.
    public init(data: Data, path: String) throws(ClientError) {
        guard data.contains(where: { !Set(" \t\r\n".utf8).contains($0) }) else {
            root = [:]
            return
        }
        do {
            root = try JSONCoding.decode([String: JSONValue].self, from: data)
        } catch {
            throw .configuration("\(path) is not a JSON object: \(error)")
        }
    }

    /// Where credentials go: `$REGISTRY_AUTH_FILE` (podman, skopeo, buildah), else `$DOCKER_CONFIG/config.json`,
    /// else `~/.docker/config.json`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let path = environment["REGISTRY_AUTH_FILE"], !path.isEmpty { return path }
        if let folder = environment["DOCKER_CONFIG"], !folder.isEmpty { return folder + "/config.json" }
        return (environment["HOME"] ?? "") + "/.docker/config.json"
    }

    /// Stores `credentials` for `host` in `auths` and drops a `credHelpers` entry for it (which would win).
    public mutating func setAuth(host: String, credentials: RegistryCredentials) {
        update("auths") { $0[host] = .object(["auth": .string(credentials.basicAuth)]) }
        update("credHelpers") { $0[host] = nil }
    }

    /// Names `helper` (`docker-credential-<helper>`) for `host` in `credHelpers` and drops a stored `auths` entry.
    public mutating func setCredentialHelper(host: String, helper: String) {
        update("credHelpers") { $0[host] = .string(helper) }
        update("auths") { $0[host] = nil }
    }

    /// The credentials stored for `host` in `auths`, if any.
    public func auth(host: String) -> RegistryCredentials? {
        guard let encoded = root["auths"]?.object?[host]?.object?["auth"]?.string, let bytes = Base64.decode(encoded) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return RegistryCredentials(username: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
    }

    /// The helper named for `host` in `credHelpers`, if any.
    public func credentialHelper(host: String) -> String? { root["credHelpers"]?.object?[host]?.string }

    /// The file's bytes (keys sorted, as `JSONCoding` writes them).
    /// - Throws: `ClientError.configuration` if encoding fails.
    public func encoded() throws(ClientError) -> Data {
        do {
            return try JSONCoding.encode(root)
        } catch {
            throw .configuration("cannot encode the docker config: \(error)")
        }
    }

    private mutating func update(_ key: String, _ change: (inout [String: JSONValue]) -> Void) {
        var members = root[key]?.object ?? [:]
        change(&members)
        if members.isEmpty && root[key] == nil { return }  // no empty section where there was none
        root[key] = .object(members)
    }
}
