import BerthAuth
import Testing

/// Signed, expiring download URLs (GetDownloadUrlForLayer).
@Suite struct URLSignerTests {
    static let signer = URLSigner(signingKey: Array("download-url-key-for-tests-only!!".utf8))
    static let path = "/v2/team/app/blobs/sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
    static let now: Double = 1_741_944_413

    @Test func signedQueryVerifiesUntilExpiry() {
        let query = Self.signer.signQuery(path: Self.path, expiresAt: Self.now + 600)
        #expect(query.hasPrefix("expires=1741945013&signature="))
        #expect(Self.signer.verify(path: Self.path, query: query, now: Self.now))
        #expect(Self.signer.verify(path: Self.path, query: query, now: Self.now + 599.5))
        #expect(!Self.signer.verify(path: Self.path, query: query, now: Self.now + 600))
    }

    @Test func queryIsURLSafe() {
        let query = Self.signer.signQuery(path: Self.path, expiresAt: Self.now + 600)
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~=&")
        #expect(query.allSatisfy(allowed.contains))
    }

    @Test func otherPathOrAlteredQueryFails() {
        let query = Self.signer.signQuery(path: Self.path, expiresAt: Self.now + 600)
        #expect(!Self.signer.verify(path: Self.path + "0", query: query, now: Self.now))
        #expect(!Self.signer.verify(path: "/v2/other/blobs/sha256:44", query: query, now: Self.now))
        let extended = query.replacingFirst("expires=1741945013", with: "expires=1741955013")
        #expect(!Self.signer.verify(path: Self.path, query: extended, now: Self.now))
        let flipped = String(query.dropLast()) + (query.hasSuffix("A") ? "B" : "A")
        #expect(!Self.signer.verify(path: Self.path, query: flipped, now: Self.now))
        #expect(!Self.signer.verify(path: Self.path, query: "", now: Self.now))
        #expect(!Self.signer.verify(path: Self.path, query: query + "&" + query, now: Self.now))
    }

    @Test func otherKeyFails() {
        let query = URLSigner(signingKey: Array("another key".utf8)).signQuery(path: Self.path, expiresAt: Self.now + 600)
        #expect(!Self.signer.verify(path: Self.path, query: query, now: Self.now))
    }

    @Test func extraParametersAndEquivalentEncodingsAreAccepted() {
        let query = Self.signer.signQuery(path: Self.path, expiresAt: Self.now + 600)
        #expect(Self.signer.verify(path: Self.path, query: "X-Berth-Client=docker&" + query, now: Self.now))
        let encodedPath = Self.path.replacingFirst("sha256:", with: "sha256%3A")
        #expect(Self.signer.verify(path: encodedPath, query: query, now: Self.now))
    }
}
