import BerthClient
import Testing

@Suite("ClientEndpoint.forServerURL: which server a credential helper mints a token for")
struct ServerURLTests {
    static let configured = ClientEndpoint(baseURL: "http://127.0.0.1:5000")

    @Test func sameHostKeepsTheConfiguredEndpoint() {
        #expect(ClientEndpoint.forServerURL("127.0.0.1:5000", configured: Self.configured) == Self.configured)
        #expect(ClientEndpoint.forServerURL("http://127.0.0.1:5000/v2/", configured: Self.configured) == Self.configured)
        #expect(ClientEndpoint.forServerURL("  http://127.0.0.1:5000\n", configured: Self.configured) == Self.configured)
    }

    @Test func anotherHostIsAskedItself() {
        #expect(ClientEndpoint.forServerURL("https://reg.example.com", configured: Self.configured)?.baseURL == "https://reg.example.com")
        #expect(ClientEndpoint.forServerURL("10.0.0.1:6000", configured: Self.configured)?.baseURL == "http://10.0.0.1:6000")
        #expect(ClientEndpoint.forServerURL("reg.example.com", configured: nil)?.baseURL == "https://reg.example.com")
        #expect(ClientEndpoint.forServerURL("http://127.0.0.1:7000/", configured: nil)?.baseURL == "http://127.0.0.1:7000")
    }

    @Test func nothingToGoOn() {
        #expect(ClientEndpoint.forServerURL("", configured: nil) == nil)
        #expect(ClientEndpoint.forServerURL("", configured: Self.configured) == Self.configured)
        #expect(ClientEndpoint.forServerURL("ftp://x", configured: nil) == nil)
    }
}
