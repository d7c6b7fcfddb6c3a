import BerthAuth
import BerthBlobStore
import BerthHTTP
import BerthMetadata
import BerthService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Drives BerthResponder through Hummingbird's test client (no sockets).
@Suite struct ResponderTests {
    static func makeApplication() -> some ApplicationProtocol {
        TestRegistry().application()
    }

    @Test func healthzAnswersOK() async throws {
        try await Self.makeApplication().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok\n")
            }
        }
    }

    @Test func unsignedECRCallIsMissingAuthenticationToken() async throws {
        try await Self.makeApplication().test(.router) { client in
            let headers: HTTPFields = [
                .contentType: "application/x-amz-json-1.1",
                HTTPField.Name("X-Amz-Target")!: "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories",
            ]
            try await client.execute(uri: "/", method: .post, headers: headers, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[HTTPField.Name("x-amzn-ErrorType")!] == "MissingAuthenticationTokenException")
                #expect(response.headers[HTTPField.Name("x-amzn-RequestId")!] != nil)
                let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                #expect(body?["__type"] as? String == "MissingAuthenticationTokenException")
            }
        }
    }

    @Test func forgedDownloadURLIsForbidden() async throws {
        try await Self.makeApplication().test(.router) { client in
            let uri = "/berth/layers/app/sha256:\(String(repeating: "a", count: 64))?expires=9999999999&signature=forged"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func registryBaseChallengesWithECRsBasicRealm() async throws {
        try await Self.makeApplication().test(.router) { client in
            try await client.execute(uri: "/v2/", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == #"Basic realm="http://127.0.0.1:5000/",service="ecr.amazonaws.com""#)
                #expect(response.headers[HTTPField.Name("Docker-Distribution-API-Version")!] == "registry/2.0")
            }
        }
    }

    @Test func registryAcceptsTheAuthorizationTokenPassword() async throws {
        let password = AuthorizationTokenIssuer(signingKey: Array(repeating: 4, count: 32))
            .mint(accessKeyID: "AKIDEXAMPLE", now: 1_700_000_000).password
        let basic = Data("AWS:\(password)".utf8).base64EncodedString()
        try await Self.makeApplication().test(.router) { client in
            try await client.execute(uri: "/v2/", method: .get, headers: [.authorization: "Basic \(basic)"]) { response in
                #expect(response.status == .ok)
            }
            let altered = Data("AWS:\(password)x".utf8).base64EncodedString()
            try await client.execute(uri: "/v2/", method: .get, headers: [.authorization: "Basic \(altered)"]) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/v2/no/such-repo/tags/list", method: .get, headers: [.authorization: "Basic \(basic)"]) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("NAME_UNKNOWN"))
            }
        }
    }

    @Test func bearerClientsGetATokenEndpoint() async throws {
        let password = AuthorizationTokenIssuer(signingKey: Array(repeating: 4, count: 32))
            .mint(accessKeyID: "AKIDEXAMPLE", now: 1_700_000_000).password
        let basic = Data("AWS:\(password)".utf8).base64EncodedString()
        try await Self.makeApplication().test(.router) { client in
            try await client.execute(uri: "/v2/", method: .get, headers: [.authorization: "Bearer nonsense"]) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix(#"Bearer realm="http://127.0.0.1:5000/v2/token""#) == true)
            }
            let token = try await client.execute(uri: "/v2/token", method: .get, headers: [.authorization: "Basic \(basic)"]) { response in
                #expect(response.status == .ok)
                let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                return body?["token"] as? String ?? ""
            }
            try await client.execute(uri: "/v2/", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func unknownPathIsNotFound() async throws {
        try await Self.makeApplication().test(.router) { client in
            try await client.execute(uri: "/nothing", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
