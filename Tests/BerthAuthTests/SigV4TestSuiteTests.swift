import BerthAuth
import Testing

/// The AWS Signature Version 4 test suite (docs.aws.amazon.com, aws-sig-v4-test-suite, 2015-08-30 edition):
/// AKIDEXAMPLE, service `service`, us-east-1, `example.amazonaws.com`. The inputs and signatures below are the
/// published ones, typed in as facts.
@Suite struct SigV4TestSuiteTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var method: String
        var path: String
        var query: String = ""
        var headers: [(name: String, value: String)] = []
        var body: String = ""
        var signedHeaders: String
        var signature: String

        var testDescription: String { name }
    }

    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let now: Double = 1_440_938_160  // 2015-08-30T12:36:00Z
    static let vanilla = "host;x-amz-date"

    static let vectors: [Vector] = [
        Vector(
            name: "get-vanilla", method: "GET", path: "/", signedHeaders: vanilla,
            signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(
            name: "get-vanilla-empty-query-key", method: "GET", path: "/", query: "Param1=value1", signedHeaders: vanilla,
            signature: "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"),
        Vector(
            name: "get-vanilla-query-order-key-case", method: "GET", path: "/", query: "Param2=value2&Param1=value1",
            signedHeaders: vanilla, signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Vector(
            name: "get-vanilla-query-unreserved", method: "GET", path: "/",
            query: "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz="
                + "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            signedHeaders: vanilla, signature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
        Vector(
            name: "get-vanilla-utf8-query", method: "GET", path: "/", query: "\u{1234}=bar", signedHeaders: vanilla,
            signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        Vector(
            name: "get-utf8", method: "GET", path: "/\u{1234}", signedHeaders: vanilla,
            signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        Vector(
            name: "get-space", method: "GET", path: "/example space/", signedHeaders: vanilla,
            signature: "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        Vector(
            name: "get-relative", method: "GET", path: "/example/..", signedHeaders: vanilla,
            signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(
            name: "get-slash", method: "GET", path: "//", signedHeaders: vanilla,
            signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(
            name: "get-slashes", method: "GET", path: "//example//", signedHeaders: vanilla,
            signature: "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84"),
        Vector(
            name: "get-header-key-duplicate", method: "GET", path: "/",
            headers: [("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")],
            signedHeaders: "host;my-header1;x-amz-date",
            signature: "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        Vector(
            name: "get-header-value-order", method: "GET", path: "/",
            headers: [("My-Header1", "value4"), ("My-Header1", "value1"), ("My-Header1", "value3"), ("My-Header1", "value2")],
            signedHeaders: "host;my-header1;x-amz-date",
            signature: "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"),
        Vector(
            name: "get-header-value-trim", method: "GET", path: "/",
            headers: [("My-Header1", " value1"), ("My-Header2", " \"a   b   c\"")],
            signedHeaders: "host;my-header1;my-header2;x-amz-date",
            signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        Vector(
            name: "post-vanilla", method: "POST", path: "/", signedHeaders: vanilla,
            signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        Vector(
            name: "post-vanilla-query", method: "POST", path: "/", query: "Param1=value1", signedHeaders: vanilla,
            signature: "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        Vector(
            name: "post-header-key-sort", method: "POST", path: "/", headers: [("My-Header1", "value1")],
            signedHeaders: "host;my-header1;x-amz-date",
            signature: "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"),
        Vector(
            name: "post-header-value-case", method: "POST", path: "/", headers: [("My-Header1", "VALUE1")],
            signedHeaders: "host;my-header1;x-amz-date",
            signature: "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
        Vector(
            name: "post-x-www-form-urlencoded", method: "POST", path: "/",
            headers: [("Content-Type", "application/x-www-form-urlencoded")], body: "Param1=value1",
            signedHeaders: "content-type;host;x-amz-date",
            signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
        Vector(
            name: "post-x-www-form-urlencoded-parameters", method: "POST", path: "/",
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf8")], body: "Param1=value1",
            signedHeaders: "content-type;host;x-amz-date",
            signature: "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe"),
    ]

    static let verifier = SigV4Verifier(
        keys: StaticAccessKeyStore(["AKIDEXAMPLE": secret], principalARN: "arn:aws:iam::123456789012:root"), region: "us-east-1", service: "service")

    static func request(_ vector: Vector, signature: String? = nil) -> SigV4Request {
        let authorization =
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=\(vector.signedHeaders), Signature=\(signature ?? vector.signature)"
        return SigV4Request(
            method: vector.method, path: vector.path, query: vector.query,
            headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")] + vector.headers
                + [("Authorization", authorization)],
            payloadSHA256: SHA256Hex.of(vector.body))
    }

    @Test(arguments: vectors)
    func publishedSignatureVerifies(_ vector: Vector) throws {
        let caller = try Self.verifier.verify(Self.request(vector), now: Self.now)
        #expect(caller == VerifiedCaller(accessKeyID: "AKIDEXAMPLE", region: "us-east-1"))
    }

    @Test(arguments: vectors)
    func alteredSignatureFails(_ vector: Vector) {
        let altered = String(vector.signature.dropLast()) + (vector.signature.hasSuffix("0") ? "1" : "0")
        #expect(throws: SigV4Error.signatureMismatch) {
            try Self.verifier.verify(Self.request(vector, signature: altered), now: Self.now)
        }
    }

    @Test func signerReproducesGetVanilla() {
        let signer = SigV4Signer(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Self.secret, region: "us-east-1", service: "service")
        let unsigned = SigV4Request(
            method: "GET", path: "/", query: "", headers: [("Host", "example.amazonaws.com")],
            payloadSHA256: SigV4Request.emptyPayloadSHA256)
        let signed = signer.sign(unsigned, now: Self.now)
        #expect(signed.header("x-amz-date") == "20150830T123600Z")
        #expect(
            signed.header("authorization")
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }
}
