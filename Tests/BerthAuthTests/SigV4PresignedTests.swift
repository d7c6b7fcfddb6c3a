import BerthAuth
import Testing

/// The presigned (query-string) form: expiry, required parameters, payload hash choices.
@Suite struct SigV4PresignedTests {
    static let key = SigV4ErrorTests.key
    static let signedAt = SigV4ErrorTests.signedAt
    static let verifier = SigV4ErrorTests.verifier
    static let signer = SigV4ErrorTests.signer
    static let get = SigV4Request(
        method: "GET", path: "/", query: "Action=GetAuthorizationToken", headers: [("Host", "localhost:5000")],
        payloadSHA256: SigV4Request.emptyPayloadSHA256)

    @Test func presignedRequestVerifiesUntilItExpires() throws {
        let request = Self.signer.presign(Self.get, now: Self.signedAt, expiresInSeconds: 60)
        #expect(try Self.verifier.verify(request, now: Self.signedAt + 60).accessKeyID == Self.key)
        #expect(
            throws: SigV4Error.invalidSignature(
                "Signature expired: 20250314T092653Z is now earlier than 20250314T092654Z (20250314T092754Z - 60 sec.)")
        ) {
            try Self.verifier.verify(request, now: Self.signedAt + 61)
        }
    }

    @Test func presignedRequestMayLiveLongerThanTheClockSkew() throws {
        let request = Self.signer.presign(Self.get, now: Self.signedAt, expiresInSeconds: 3600)
        #expect(try Self.verifier.verify(request, now: Self.signedAt + 3000).accessKeyID == Self.key)
    }

    @Test func presignedRequestFromTheFutureIsNotYetCurrent() {
        let request = Self.signer.presign(Self.get, now: Self.signedAt, expiresInSeconds: 60)
        #expect(throws: SigV4Error.self) { try Self.verifier.verify(request, now: Self.signedAt - 301) }
    }

    @Test func missingParametersAreNamed() {
        let request = Self.signer.presign(Self.get, now: Self.signedAt)
        var stripped = request
        stripped.query = request.query.split(separator: "&").filter { !$0.hasPrefix("X-Amz-Signature=") && !$0.hasPrefix("X-Amz-Date=") }
            .joined(separator: "&")
        #expect(
            throws: SigV4Error.incompleteSignature(
                "AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-Date'. "
                    + "Re-examine the query-string parameters.")
        ) {
            try Self.verifier.verify(stripped, now: Self.signedAt)
        }
    }

    @Test func expiryOverAWeekIsRefused() {
        let request = Self.signer.presign(Self.get, now: Self.signedAt, expiresInSeconds: 604_801)
        #expect(throws: SigV4Error.incompleteSignature("X-Amz-Expires must be less than a week (in seconds) that is 604800")) {
            try Self.verifier.verify(request, now: Self.signedAt)
        }
    }

    @Test func unsignedPayloadPresignIsAccepted() throws {
        var unsignedBody = Self.get
        unsignedBody.payloadSHA256 = "UNSIGNED-PAYLOAD"  // S3-style presigners sign this literal instead of the hash
        var request = Self.signer.presign(unsignedBody, now: Self.signedAt)
        request.payloadSHA256 = SigV4Request.emptyPayloadSHA256
        #expect(try Self.verifier.verify(request, now: Self.signedAt).accessKeyID == Self.key)
    }

    @Test func authorizationHeaderWinsOverQueryParameters() {
        var request = Self.signer.presign(Self.get, now: Self.signedAt)
        request.headers.append((name: "Authorization", value: "AWS4-HMAC-SHA256"))
        #expect(throws: SigV4Error.self) { try Self.verifier.verify(request, now: Self.signedAt) }
    }

    @Test func equivalentQueryEncodingsCanonicalizeAlike() throws {
        var request = Self.get
        request.query = "Action=ListImages&tilde=%7Euser&star=*&space=a+b&slash=team/app"
        let signed = Self.signer.sign(request, now: Self.signedAt)
        var reencoded = signed
        reencoded.query = "space=a%20b&slash=team%2Fapp&star=%2A&tilde=~user&Action=ListImages"
        #expect(try Self.verifier.verify(reencoded, now: Self.signedAt).accessKeyID == Self.key)
        reencoded.query = "space=a%2Bb&slash=team%2Fapp&star=%2A&tilde=~user&Action=ListImages"
        #expect(throws: SigV4Error.signatureMismatch) { try Self.verifier.verify(reencoded, now: Self.signedAt) }
    }
}
