import BerthAuth
import BerthCrypto
import Foundation
import Testing

/// Requests signed by botocore (the aws CLI's and boto3's signer): each verifies, and changing any signed part
/// of it does not.
@Suite struct SigV4BotocoreTests {
    static let fixture = BotocoreFixture.shared
    static let now = fixture.signedAtEpoch + 1

    static func verifier(_ testCase: BotocoreFixture.Case) -> SigV4Verifier {
        SigV4Verifier(
            keys: StaticAccessKeyStore([fixture.accessKeyID: fixture.secretAccessKey], principalARN: "arn:aws:iam::123456789012:root"),
            region: testCase.region)
    }

    static func verify(_ request: SigV4Request, _ testCase: BotocoreFixture.Case) throws(SigV4Error) -> VerifiedCaller {
        try verifier(testCase).verify(request, now: now)
    }

    @Test func fixtureCoversTheFormsAsked() {
        let cases = Self.fixture.cases
        #expect(cases.count >= 12)
        #expect(cases.contains { $0.form == "presigned" })
        #expect(cases.contains { $0.request.header("x-amz-target") != nil && $0.method == "POST" })
        #expect(cases.contains { $0.method == "GET" && $0.query.contains("list=1") && $0.query.contains("Action=") })
    }

    @Test(arguments: fixture.cases)
    func botocoreRequestVerifies(_ testCase: BotocoreFixture.Case) throws {
        #expect(SHA256Hasher.hexHash(testCase.body) == testCase.payloadSHA256)
        let caller = try Self.verify(testCase.request, testCase)
        #expect(caller == VerifiedCaller(accessKeyID: Self.fixture.accessKeyID, region: testCase.region))
    }

    @Test(arguments: fixture.cases)
    func alteringTheMethodOrPathFails(_ testCase: BotocoreFixture.Case) {
        var request = testCase.request
        request.method = testCase.method == "GET" ? "HEAD" : "PUT"
        #expect(throws: SigV4Error.signatureMismatch) { try Self.verify(request, testCase) }
        request = testCase.request
        request.path += testCase.path.hasSuffix("/") ? "x" : "/x"
        #expect(throws: SigV4Error.signatureMismatch) { try Self.verify(request, testCase) }
    }

    @Test(arguments: fixture.cases)
    func alteringOrAddingAnyQueryParameterFails(_ testCase: BotocoreFixture.Case) {
        let pieces = testCase.query.split(separator: "&").map(String.init)
        for index in pieces.indices {
            var altered = pieces
            altered[index] += pieces[index].contains("=") ? "x" : "=x"
            var request = testCase.request
            request.query = altered.joined(separator: "&")
            let isAuthParameter = pieces[index].hasPrefix("X-Amz-") && testCase.form == "presigned"
            if isAuthParameter {
                // Changing the date, credential, algorithm or expiry fails earlier, with its own error.
                #expect(throws: SigV4Error.self, "\(pieces[index])") { try Self.verify(request, testCase) }
            } else {
                #expect(throws: SigV4Error.signatureMismatch, "\(pieces[index])") { try Self.verify(request, testCase) }
            }
        }
        var request = testCase.request
        request.query = testCase.query.isEmpty ? "extra=1" : testCase.query + "&extra=1"
        #expect(throws: SigV4Error.signatureMismatch) { try Self.verify(request, testCase) }
    }

    @Test(arguments: fixture.cases)
    func alteringOrDroppingAnySignedHeaderFails(_ testCase: BotocoreFixture.Case) {
        for name in testCase.signedHeaders {
            var request = testCase.request
            let index = request.headers.firstIndex { $0.name.lowercased() == name }!
            request.headers[index].value += "x"
            #expect(throws: SigV4Error.self, "\(name)") { try Self.verify(request, testCase) }
            request.headers.remove(at: index)
            #expect(throws: SigV4Error.self, "\(name) removed") { try Self.verify(request, testCase) }
        }
    }

    @Test(arguments: fixture.cases)
    func alteringTheSignatureFails(_ testCase: BotocoreFixture.Case) {
        var request = testCase.request
        if let index = request.headers.firstIndex(where: { $0.name.lowercased() == "authorization" }) {
            let value = request.headers[index].value
            request.headers[index].value = String(value.dropLast()) + (value.hasSuffix("0") ? "1" : "0")
        } else {
            request.query = String(request.query.dropLast()) + (request.query.hasSuffix("0") ? "1" : "0")
        }
        #expect(throws: SigV4Error.signatureMismatch) { try Self.verify(request, testCase) }
    }

    @Test(arguments: fixture.cases)
    func alteringTheBodyFailsUnlessThePayloadIsUnsigned(_ testCase: BotocoreFixture.Case) throws {
        var request = testCase.request
        request.payloadSHA256 = SHA256Hasher.hexHash(testCase.body + [0x20])
        if request.header("x-amz-content-sha256") == "UNSIGNED-PAYLOAD" {
            _ = try Self.verify(request, testCase)
        } else {
            #expect(throws: SigV4Error.signatureMismatch) { try Self.verify(request, testCase) }
        }
    }

    @Test(arguments: fixture.cases)
    func unsignedHeadersMayChange(_ testCase: BotocoreFixture.Case) throws {
        let signed = Set(testCase.signedHeaders + ["authorization"])
        var request = testCase.request
        request.headers = request.headers.filter { signed.contains($0.name.lowercased()) }
        request.headers.append((name: "X-Forwarded-For", value: "203.0.113.7"))
        request.headers.append((name: "User-Agent", value: "something else"))
        _ = try Self.verify(request, testCase)
    }

    @Test(arguments: fixture.cases.filter { $0.form == "header" && $0.request.header("date") == nil })
    func signerReproducesBotocoreHeaderSignature(_ testCase: BotocoreFixture.Case) {
        let signed = Set(testCase.signedHeaders)
        var request = testCase.request
        let token = request.header("x-amz-security-token")
        request.headers = request.headers.filter {
            signed.contains($0.name.lowercased()) && !["x-amz-date", "x-amz-security-token"].contains($0.name.lowercased())
        }
        let signer = SigV4Signer(
            accessKeyID: Self.fixture.accessKeyID, secretAccessKey: Self.fixture.secretAccessKey, region: testCase.region,
            sessionToken: token)
        let result = signer.sign(request, now: Self.fixture.signedAtEpoch)
        #expect(result.header("authorization") == testCase.request.header("authorization"))
    }

    @Test(arguments: fixture.cases.filter { $0.form == "presigned" })
    func signerReproducesBotocorePresignedQuery(_ testCase: BotocoreFixture.Case) throws {
        let range = try #require(testCase.query.range(of: "&X-Amz-Algorithm="))
        var request = testCase.request
        request.query = String(testCase.query[..<range.lowerBound])
        let tokenRange = testCase.query.range(of: "X-Amz-Security-Token=")
        let token = tokenRange.map {
            String(testCase.query[$0.upperBound...].prefix { $0 != "&" })
                .replacingOccurrences(of: "%2F", with: "/").replacingOccurrences(of: "%2B", with: "+")
                .replacingOccurrences(of: "%3D", with: "=")
        }
        let expires = try #require(Int(testCase.query.split(separator: "&").first { $0.hasPrefix("X-Amz-Expires=") }?.dropFirst(14) ?? ""))
        let signer = SigV4Signer(
            accessKeyID: Self.fixture.accessKeyID, secretAccessKey: Self.fixture.secretAccessKey, region: testCase.region,
            sessionToken: token)
        let result = signer.presign(request, now: Self.fixture.signedAtEpoch, expiresInSeconds: expires)
        #expect(result.query == testCase.query)
    }
}
