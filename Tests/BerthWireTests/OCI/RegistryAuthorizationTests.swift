import BerthWire
import Foundation
import Testing

@Suite struct RegistryAuthorizationTests {
    static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }

    @Test func parsesBasic() {
        #expect(RegistryAuthorization.parse("Basic " + Self.base64("AWS:secret:with:colons")) == .basic(user: "AWS", password: "secret:with:colons"))
        #expect(RegistryAuthorization.parse("basic " + Self.base64("AWS:pw")) == .basic(user: "AWS", password: "pw"))
        #expect(RegistryAuthorization.parse("  BASIC   " + Self.base64("u:") + " ") == .basic(user: "u", password: ""))
        #expect(RegistryAuthorization.parse("Basic " + Self.base64(":pw")) == .basic(user: "", password: "pw"))
        #expect(RegistryAuthorization.parse("Basic " + Self.base64("ü:ö")) == .basic(user: "ü", password: "ö"))
        // Missing padding is tolerated.
        #expect(Self.base64("AWS:p") == "QVdTOnA=")
        #expect(RegistryAuthorization.parse("Basic QVdTOnA") == .basic(user: "AWS", password: "p"))
    }

    @Test(
        arguments: [
            nil, "", "Basic", "Basic ", "Basicabc", "Basic !!!!", "Basic QVdT", "Basic QVdTOnA===", "Basic QVdTO", "Basic /zo=",
            "Basic QVdT OnA=", "Digest abc", "Bearer", "Bearer ", "Bearer a b", "Bearer ==", "Bearer a=b", "Bearer a\"b", "Token abc",
        ] as [String?])
    func rejectsMalformed(_ header: String?) {
        #expect(RegistryAuthorization.parse(header) == nil)
    }

    @Test func parsesBearer() {
        #expect(RegistryAuthorization.parse("Bearer abc.def-ghi_~+/==") == .bearer(token: "abc.def-ghi_~+/=="))
        #expect(RegistryAuthorization.parse("bearer\tT0k") == .bearer(token: "T0k"))
    }

    @Test func headerValuesRoundTrip() {
        let basic = RegistryAuthorization.basic(user: "AWS", password: "pa:ss")
        #expect(basic.headerValue == "Basic " + Self.base64("AWS:pa:ss"))
        #expect(RegistryAuthorization.parse(basic.headerValue) == basic)
        #expect(RegistryAuthorization.bearer(token: "t").headerValue == "Bearer t")
    }

    @Test func challenges() {
        let basic = #"Basic realm="https://r.example.com/",service="ecr.amazonaws.com""#
        #expect(RegistryChallenge.basic(publicURL: "https://r.example.com") == basic)
        #expect(RegistryChallenge.basic(publicURL: "https://r.example.com//") == basic)
        #expect(
            RegistryChallenge.bearer(publicURL: "https://r.example.com/", scopes: [.repository("team/app")])
                == #"Bearer realm="https://r.example.com/v2/token",service="ecr.amazonaws.com",scope="repository:team/app:pull,push""#)
        #expect(
            RegistryChallenge.bearer(publicURL: "http://localhost:5000")
                == #"Bearer realm="http://localhost:5000/v2/token",service="ecr.amazonaws.com""#)
        #expect(
            RegistryChallenge.bearer(
                publicURL: "http://h",
                scopes: [.repository("a", actions: ["pull"]), RegistryScope(type: "registry", name: "catalog", actions: ["*"])])
                == #"Bearer realm="http://h/v2/token",service="ecr.amazonaws.com",scope="repository:a:pull registry:catalog:*""#)
        #expect(RegistryChallenge.basic(publicURL: #"http://a"b\c"#) == #"Basic realm="http://a\"b\\c/",service="ecr.amazonaws.com""#)
    }

    @Test func scopes() throws {
        #expect(RegistryScope(parsing: "repository:team/app:pull,push") == .repository("team/app"))
        #expect(RegistryScope(parsing: "registry:catalog:*") == RegistryScope(type: "registry", name: "catalog", actions: ["*"]))
        let ported = try #require(RegistryScope(parsing: "repository:host:5000/app:pull"))
        #expect(ported.name == "host:5000/app")
        #expect(ported.actions == ["pull"])
        #expect(RegistryScope(parsing: "repository:app:")?.actions == [])
        #expect(RegistryScope(parsing: "repository(plugin):app:pull")?.type == "repository(plugin)")
        for bad in ["repository", "repository:app", ":app:pull", "repository::pull", ""] {
            #expect(RegistryScope(parsing: bad) == nil, "\(bad)")
        }
        #expect(RegistryScope.repository("a/b").description == "repository:a/b:pull,push")
    }

    @Test func tokenRequests() throws {
        let request = try #require(
            TokenRequest(query: "service=ecr.amazonaws.com&scope=repository%3Ateam%2Fapp%3Apull%2Cpush&scope=repository:other:pull&account=AWS&x=1"))
        #expect(request.service == "ecr.amazonaws.com")
        #expect(request.account == "AWS")
        #expect(request.scopes == [.repository("team/app"), .repository("other", actions: ["pull"])])
        let spaced = try #require(TokenRequest(query: "scope=repository%3Aa%3Apull+repository%3Ab%3Apush&service=s&service=t"))
        #expect(spaced.scopes == [.repository("a", actions: ["pull"]), .repository("b", actions: ["push"])])
        #expect(spaced.service == "s")
        #expect(TokenRequest(query: "") == TokenRequest())
        #expect(TokenRequest(query: "&&service&") == TokenRequest(service: ""))
        #expect(TokenRequest(query: "scope=nonsense") == nil)
        #expect(TokenRequest(query: "scope=%ZZ") == nil)
        #expect(TokenRequest(query: "service=%E9") == nil)
    }
}
