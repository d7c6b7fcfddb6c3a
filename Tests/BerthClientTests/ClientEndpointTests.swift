import BerthClient
import Testing

@Suite("ClientEndpoint: the registry host derived from the endpoint URL")
struct ClientEndpointTests {
    @Test(arguments: [
        ("http://127.0.0.1:5000", "127.0.0.1:5000"), ("http://127.0.0.1:5000/", "127.0.0.1:5000"),
        ("https://registry.example.com", "registry.example.com"),
        ("https://registry.example.com:443", "registry.example.com"), ("http://h:80", "h"), ("https://h:8443/", "h:8443"),
        ("http://[::1]:5000", "[::1]:5000"),
    ])
    func registryHost(url: String, host: String) throws {
        #expect(try ClientEndpoint(validating: url, source: "test").registryHost == host)
    }

    @Test func errorLinesNameTheCause() {
        #expect(
            "\(ClientError.unreachable(url: "http://127.0.0.1:1", reason: "connection refused"))"
                == "server unreachable at http://127.0.0.1:1: connection refused")
        #expect(
            "\(ClientError.service(code: "RepositoryNotFoundException", message: "The repository 'x' does not exist", status: 400))"
                == "RepositoryNotFoundException: The repository 'x' does not exist")
        #expect("\(ClientError.authenticationRefused(code: "InvalidSignatureException", message: "bad"))".hasPrefix("authentication refused"))
    }
}
