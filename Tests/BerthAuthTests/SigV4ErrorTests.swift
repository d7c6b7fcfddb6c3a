import BerthAuth
import Testing

/// Every way SigV4 verification refuses a request, with the AWS error name, status and wording.
@Suite struct SigV4ErrorTests {
    static let key = "AKIAIOSFODNN7EXAMPLE"
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let signedAt: Double = 1_741_944_413  // 2025-03-14T09:26:53Z
    static let verifier = SigV4Verifier(
        keys: StaticAccessKeyStore([key: secret], principalARN: "arn:aws:iam::123456789012:root"), region: "us-east-1")
    static let signer = SigV4Signer(accessKeyID: key, secretAccessKey: secret, region: "us-east-1")

    static let unsigned = SigV4Request(
        method: "POST", path: "/", query: "",
        headers: [
            ("Host", "localhost:5000"), ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken"),
        ],
        payloadSHA256: SHA256Hex.of("{}"))

    static func signed(_ signer: SigV4Signer = signer, at time: Double = signedAt) -> SigV4Request {
        signer.sign(unsigned, now: time)
    }

    static func replacingAuthorization(_ request: SigV4Request, with value: String) -> SigV4Request {
        var copy = request
        copy.headers.removeAll { $0.name.lowercased() == "authorization" }
        copy.headers.append((name: "Authorization", value: value))
        return copy
    }

    static func error(_ request: SigV4Request, now: Double = signedAt + 1, verifier: SigV4Verifier = verifier) -> SigV4Error? {
        do {
            _ = try verifier.verify(request, now: now)
            return nil
        } catch {
            return error
        }
    }

    @Test func signedRequestVerifies() throws {
        let caller = try Self.verifier.verify(Self.signed(), now: Self.signedAt + 1)
        #expect(caller == VerifiedCaller(accessKeyID: Self.key, region: "us-east-1"))
    }

    @Test func noAuthenticationIsMissingAuthenticationToken() {
        let error = Self.error(Self.unsigned)
        #expect(error == SigV4Error(code: "MissingAuthenticationTokenException", message: "Missing Authentication Token", httpStatus: 403))
        #expect(Self.error(Self.replacingAuthorization(Self.unsigned, with: "  ")) == .missingAuthenticationToken)
    }

    @Test func missingPartsAreIncompleteSignature() throws {
        let header = "AWS4-HMAC-SHA256 Credential=\(Self.key)/20250314/us-east-1/ecr/aws4_request"
        let error = try #require(Self.error(Self.replacingAuthorization(Self.signed(), with: header)))
        #expect(error.code == "IncompleteSignatureException")
        #expect(error.httpStatus == 400)
        #expect(
            error.message
                == "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
                + "Authorization=\(header)")
        let bare = try #require(Self.error(Self.replacingAuthorization(Self.unsigned, with: "AWS4-HMAC-SHA256")))
        #expect(bare.code == "IncompleteSignatureException")
        #expect(bare.message.contains("Authorization header requires 'Credential' parameter."))
        #expect(bare.message.contains("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."))
    }

    @Test func badAlgorithmIsIncompleteSignature() throws {
        let request = Self.signed()
        let header = try #require(request.header("authorization")).replacingFirst("AWS4-HMAC-SHA256", with: "AWS4-HMAC-SHA512")
        let error = try #require(Self.error(Self.replacingAuthorization(request, with: header)))
        #expect(error.code == "IncompleteSignatureException")
        #expect(error.message.hasPrefix("Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'."))
        let basic = try #require(Self.error(Self.replacingAuthorization(request, with: "Basic QVdTOnBhc3N3b3Jk")))
        #expect(basic.code == "IncompleteSignatureException")
    }

    @Test func missingOrMalformedDateIsIncompleteSignature() throws {
        var request = Self.signed()
        request.headers.removeAll { $0.name.lowercased() == "x-amz-date" }
        let missing = try #require(Self.error(request))
        #expect(missing.code == "IncompleteSignatureException")
        #expect(missing.message.contains("requires existence of either a 'X-Amz-Date' or a 'Date' header"))
        request.headers.append((name: "X-Amz-Date", value: "2025-03-14T09:26:53Z"))
        let malformed = try #require(Self.error(request))
        #expect(malformed.code == "IncompleteSignatureException")
        #expect(malformed.message.hasPrefix("Date must be in ISO-8601 'basic format'. Got '2025-03-14T09:26:53Z'."))
    }

    @Test func malformedCredentialAndPairsAreIncompleteSignature() throws {
        let request = Self.signed()
        let header = try #require(request.header("authorization"))
        let shortened = header.replacingFirst("/us-east-1/ecr/aws4_request", with: "/us-east-1/aws4_request")
        let error = try #require(Self.error(Self.replacingAuthorization(request, with: shortened)))
        #expect(error.code == "IncompleteSignatureException")
        #expect(
            error.message
                == "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got "
                + "'\(Self.key)/20250314/us-east-1/aws4_request'")
        let noEquals = try #require(Self.error(Self.replacingAuthorization(request, with: header + ", Garbage")))
        #expect(noEquals.code == "IncompleteSignatureException")
        #expect(noEquals.message.hasPrefix("Invalid key=value pair (missing equal-sign) in Authorization header"))
    }

    @Test func hostMustBeSigned() throws {
        let header = try #require(Self.signed().header("authorization")).replacingFirst("content-type;host;", with: "content-type;")
        let error = try #require(Self.error(Self.replacingAuthorization(Self.signed(), with: header)))
        #expect(error == .incompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."))
    }

    @Test func unknownAccessKeyIsUnrecognizedClient() {
        let stranger = SigV4Signer(accessKeyID: "AKIAUNKNOWNKEY000000", secretAccessKey: Self.secret, region: "us-east-1")
        let error = Self.error(Self.signed(stranger))
        #expect(
            error
                == SigV4Error(
                    code: "UnrecognizedClientException", message: "The security token included in the request is invalid.", httpStatus: 400))
    }

    @Test func wrongSecretIsInvalidSignature() {
        let impostor = SigV4Signer(accessKeyID: Self.key, secretAccessKey: "not-the-secret", region: "us-east-1")
        let error = Self.error(Self.signed(impostor))
        #expect(
            error
                == SigV4Error(
                    code: "InvalidSignatureException",
                    message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
                        + "Access Key and signing method. Consult the service documentation for details.",
                    httpStatus: 400))
    }

    @Test func staleDateIsSignatureExpired() {
        let request = Self.signed()
        let error = Self.error(request, now: Self.signedAt + 301)
        #expect(
            error
                == .invalidSignature(
                    "Signature expired: 20250314T092653Z is now earlier than 20250314T092654Z (20250314T093154Z - 5 min.)"))
        #expect(Self.error(request, now: Self.signedAt + 300) == nil)
    }

    @Test func futureDateIsNotYetCurrent() {
        let request = Self.signed()
        let error = Self.error(request, now: Self.signedAt - 301)
        #expect(
            error
                == .invalidSignature(
                    "Signature not yet current: 20250314T092653Z is still later than 20250314T092652Z (20250314T092152Z + 5 min.)"))
        #expect(Self.error(request, now: Self.signedAt - 300) == nil)
    }

    @Test func configuredSkewIsHonoured() {
        let strict = SigV4Verifier(
            keys: StaticAccessKeyStore([Self.key: Self.secret], principalARN: "arn:aws:iam::123456789012:root"), region: "us-east-1",
            maxClockSkewSeconds: 60)
        let error = Self.error(Self.signed(), now: Self.signedAt + 61, verifier: strict)
        #expect(error?.message == "Signature expired: 20250314T092653Z is now earlier than 20250314T092654Z (20250314T092754Z - 1 min.)")
    }

    @Test func wrongRegionOrServiceInScopeIsInvalidSignature() {
        let elsewhere = SigV4Signer(accessKeyID: Self.key, secretAccessKey: Self.secret, region: "eu-west-1")
        #expect(Self.error(Self.signed(elsewhere)) == .invalidSignature("Credential should be scoped to a valid region, not 'eu-west-1'."))
        let s3 = SigV4Signer(accessKeyID: Self.key, secretAccessKey: Self.secret, region: "us-east-1", service: "s3")
        #expect(Self.error(Self.signed(s3)) == .invalidSignature("Credential should be scoped to correct service: 'ecr'."))
    }

    @Test func scopeDateAndTerminatorMustMatch() throws {
        let request = Self.signed()
        let header = try #require(request.header("authorization"))
        let otherDay = Self.replacingAuthorization(request, with: header.replacingFirst("/20250314/", with: "/20250313/"))
        #expect(
            Self.error(otherDay)
                == .invalidSignature(
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20250313' != '20250314', "
                        + "from '20250314T092653Z'."))
        let terminator = Self.replacingAuthorization(request, with: header.replacingFirst("aws4_request", with: "aws4_reqest"))
        #expect(
            Self.error(terminator) == .invalidSignature("Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_reqest'."))
    }

    @Test func declaredPayloadHashMustMatchTheBody() {
        var request = Self.unsigned
        request.headers.append((name: "X-Amz-Content-SHA256", value: SHA256Hex.of("{\"other\":1}")))
        let error = Self.error(Self.signer.sign(request, now: Self.signedAt))
        #expect(error == .invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed."))
    }
}
