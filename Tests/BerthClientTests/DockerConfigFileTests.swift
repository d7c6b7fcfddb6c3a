import BerthClient
import BerthModel
import Foundation
import Testing

@Suite("DockerConfigFile: login entries written, every other entry kept")
struct DockerConfigFileTests {
    static let existing = Data(
        #"{"auths":{"other.example.com":{"auth":"b3RoZXI6c2VjcmV0","email":"x@y"}},"credHelpers":{"127.0.0.1:5000":"old"},"detachKeys":"ctrl-p","proxies":{"default":{"httpProxy":"http://p:3128"}},"n":3,"f":1.5,"b":true,"z":null}"#
            .utf8)

    @Test func setAuthKeepsOtherEntriesAndDropsTheHelper() throws {
        var file = try DockerConfigFile(data: Self.existing, path: "config.json")
        file.setAuth(host: "127.0.0.1:5000", credentials: RegistryCredentials(username: "AWS", password: "tok:en"))
        let reread = try DockerConfigFile(data: try file.encoded(), path: "config.json")
        #expect(reread.auth(host: "127.0.0.1:5000") == RegistryCredentials(username: "AWS", password: "tok:en"))
        #expect(reread.credentialHelper(host: "127.0.0.1:5000") == nil)
        #expect(reread.root["auths"]?.object?["other.example.com"] == .object(["auth": .string("b3RoZXI6c2VjcmV0"), "email": .string("x@y")]))
        #expect(reread.root["detachKeys"] == .string("ctrl-p"))
        #expect(reread.root["n"] == .integer(3))
        #expect(reread.root["f"] == .number(1.5))
        #expect(reread.root["b"] == .bool(true))
        #expect(reread.root["z"] == .null)
        #expect(reread.root["proxies"]?.object?["default"]?.object?["httpProxy"] == .string("http://p:3128"))
        let auth = try #require(reread.root["auths"]?.object?["127.0.0.1:5000"]?.object?["auth"]?.string)
        #expect(Base64.decode(auth) == Data("AWS:tok:en".utf8))
    }

    @Test func setCredentialHelperDropsTheStoredToken() throws {
        var file = try DockerConfigFile(data: Self.existing, path: "config.json")
        file.setAuth(host: "h:1", credentials: RegistryCredentials(username: "AWS", password: "p"))
        file.setCredentialHelper(host: "h:1", helper: "berth")
        #expect(file.credentialHelper(host: "h:1") == "berth")
        #expect(file.auth(host: "h:1") == nil)
        #expect(file.auth(host: "other.example.com") == RegistryCredentials(username: "other", password: "secret"))
    }

    @Test func emptyFilesAndNoEmptySections() throws {
        var file = try DockerConfigFile(data: Data(" \n".utf8), path: "config.json")
        #expect(file.root.isEmpty)
        file.setAuth(host: "h", credentials: RegistryCredentials(username: "AWS", password: "p"))
        #expect(String(decoding: try file.encoded(), as: UTF8.self) == #"{"auths":{"h":{"auth":"QVdTOnA="}}}"#)
    }

    @Test func notAnObjectIsAConfigurationError() {
        #expect(throws: ClientError.self) { try DockerConfigFile(data: Data("[1]".utf8), path: "c.json") }
        #expect(throws: ClientError.self) { try DockerConfigFile(data: Data("{".utf8), path: "c.json") }
    }

    @Test func defaultPathPrecedence() {
        #expect(DockerConfigFile.defaultPath(environment: ["HOME": "/h"]) == "/h/.docker/config.json")
        #expect(DockerConfigFile.defaultPath(environment: ["HOME": "/h", "DOCKER_CONFIG": "/d"]) == "/d/config.json")
        #expect(DockerConfigFile.defaultPath(environment: ["HOME": "/h", "DOCKER_CONFIG": "/d", "REGISTRY_AUTH_FILE": "/a.json"]) == "/a.json")
    }

    @Test func saveWritesOwnerOnlyAndLoadReadsItBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-client-\(UUID().uuidString)")
        defer {
            do { try FileManager.default.removeItem(at: folder) } catch { Issue.record("cleanup: \(error)") }
        }
        let path = folder.appendingPathComponent("sub/config.json").path
        #expect(try DockerConfigFile.load(path: path) == DockerConfigFile())
        var file = DockerConfigFile()
        file.setCredentialHelper(host: "h:2", helper: "berth")
        try file.save(path: path)
        #expect(try DockerConfigFile.load(path: path) == file)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }
}
