import BerthAuth
import Foundation
import Testing

/// ECR authorization tokens: the password `aws ecr get-login-password` prints and docker sends as Basic auth.
@Suite struct AuthorizationTokenTests {
    static let issuer = AuthorizationTokenIssuer(signingKey: Array("0123456789abcdef0123456789abcdef".utf8))
    static let now: Double = 1_741_944_413.25

    @Test func mintedTokenVerifiesWithItsClaims() throws {
        let token = Self.issuer.mint(accessKeyID: "AKIAIOSFODNN7EXAMPLE", now: Self.now)
        #expect(token.expiresAt == Self.now + 43_200)
        let claims = try #require(Self.issuer.verify(password: token.password, now: Self.now + 1))
        #expect(claims == TokenClaims(accessKeyID: "AKIAIOSFODNN7EXAMPLE", expiresAt: token.expiresAt))
    }

    @Test func passwordIsURLSafeWithoutColonAndNeverRepeats() {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
        var seen = Set<String>()
        for _ in 0..<50 {
            let password = Self.issuer.mint(accessKeyID: "AKIA:weird/key", now: Self.now).password
            #expect(!password.contains(":"))
            #expect(password.allSatisfy(allowed.contains))
            seen.insert(password)
        }
        #expect(seen.count == 50)
    }

    @Test func expiredTokenIsRefused() {
        let token = Self.issuer.mint(accessKeyID: "AKIAIOSFODNN7EXAMPLE", now: Self.now, lifetimeSeconds: 60)
        #expect(Self.issuer.verify(password: token.password, now: Self.now + 59.9) != nil)
        #expect(Self.issuer.verify(password: token.password, now: Self.now + 60) == nil)
        #expect(Self.issuer.verify(password: token.password, now: Self.now + 43_200) == nil)
    }

    @Test func alteredPasswordIsRefused() {
        let password = Self.issuer.mint(accessKeyID: "AKIAIOSFODNN7EXAMPLE", now: Self.now).password
        let characters = Array(password)
        for index in characters.indices {
            var altered = characters
            altered[index] = altered[index] == "A" ? "B" : "A"
            #expect(Self.issuer.verify(password: String(altered), now: Self.now) == nil, "position \(index)")
        }
        #expect(Self.issuer.verify(password: password + "A", now: Self.now) == nil)
        #expect(Self.issuer.verify(password: String(password.dropLast()), now: Self.now) == nil)
        #expect(Self.issuer.verify(password: "", now: Self.now) == nil)
        #expect(Self.issuer.verify(password: "AWS-auth-token", now: Self.now) == nil)
    }

    @Test func tokenFromAnotherKeyIsRefused() {
        let other = AuthorizationTokenIssuer(signingKey: Array("another key, another registry....".utf8))
        let password = other.mint(accessKeyID: "AKIAIOSFODNN7EXAMPLE", now: Self.now).password
        #expect(Self.issuer.verify(password: password, now: Self.now) == nil)
    }

    @Test func authorizationTokenIsBase64OfUserAWSAndPassword() throws {
        let token = Self.issuer.mint(accessKeyID: "AKIAIOSFODNN7EXAMPLE", now: Self.now)
        let decoded = try #require(Data(base64Encoded: token.authorizationToken))
        let text = String(decoding: decoded, as: UTF8.self)
        // What awscli's get-login-password does: split on ':' into exactly two fields.
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        #expect(fields.count == 2)
        #expect(fields[0] == "AWS")
        #expect(String(fields[1]) == token.password)
    }

    @Test func basicAuthorizationHeaderVerifies() {
        let token = Self.issuer.mint(accessKeyID: "AKIAIOSFODNN7EXAMPLE", now: Self.now)
        let claims = Self.issuer.verify(basicAuthorization: "Basic \(token.authorizationToken)", now: Self.now)
        #expect(claims?.accessKeyID == "AKIAIOSFODNN7EXAMPLE")
        #expect(Self.issuer.verify(basicAuthorization: "basic  \(token.authorizationToken) ", now: Self.now) != nil)
        let otherUser = Data("admin:\(token.password)".utf8).base64EncodedString()
        #expect(Self.issuer.verify(basicAuthorization: "Basic \(otherUser)", now: Self.now) == nil)
        #expect(Self.issuer.verify(basicAuthorization: "Bearer \(token.password)", now: Self.now) == nil)
        #expect(Self.issuer.verify(basicAuthorization: "Basic !!!", now: Self.now) == nil)
    }
}
