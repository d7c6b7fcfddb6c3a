import BerthModel

/// Signs requests with AWS Signature Version 4 the way botocore does, in the header form and the presigned form.
///
/// Berth needs it to call itself (CLI, tests) and to check the verifier against a second implementation; the
/// server never signs.
public struct SigV4Signer: Sendable {
    /// Headers botocore never signs: hop-by-hop headers and ones proxies rewrite.
    public static let unsignableHeaders: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    private let accessKeyID: String
    private let secretAccessKey: String
    private let region: String
    private let service: String
    private let sessionToken: String?

    /// A signer for one set of credentials, scoped to `region` and `service`.
    /// - Parameters:
    ///   - accessKeyID: the access key ID named in the credential scope.
    ///   - secretAccessKey: its secret.
    ///   - region: the region of the scope.
    ///   - service: the signing name, `"ecr"` by default.
    ///   - sessionToken: sent (and signed) as `X-Amz-Security-Token` when set.
    public init(accessKeyID: String, secretAccessKey: String, region: String, service: String = "ecr", sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.region = region
        self.service = service
        self.sessionToken = sessionToken
    }

    /// Returns `request` with `X-Amz-Date`, `X-Amz-Security-Token` (if any) and `Authorization` set, signing every
    /// header it carries except `unsignableHeaders`. The request must already carry `Host`.
    /// - Parameters:
    ///   - request: the request to sign; an earlier `Authorization` or `X-Amz-Date` is replaced.
    ///   - now: the signing time in seconds since the epoch.
    /// - Returns: the signed request.
    public func sign(_ request: SigV4Request, now: Double) -> SigV4Request {
        let timestamp = SigV4Timestamp(seconds: now)
        var signed = request
        signed.headers.removeAll { ["authorization", "x-amz-date", "x-amz-security-token"].contains($0.name.lowercased()) }
        signed.headers.append((name: "X-Amz-Date", value: timestamp.amzDate))
        if let sessionToken { signed.headers.append((name: "X-Amz-Security-Token", value: sessionToken)) }
        let signedHeaders = headersToSign(signed)
        let payloadHash = signed.header("x-amz-content-sha256") ?? signed.payloadSHA256
        let signature = sign(signed, signedHeaders: signedHeaders, timestamp: timestamp, excluding: nil, payloadHash: payloadHash)
        signed.headers.append(
            (
                name: "Authorization",
                value: "\(SigV4Canonical.algorithm) Credential=\(accessKeyID)/\(scope(timestamp)), "
                    + "SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)"
            ))
        return signed
    }

    /// Returns `request` with the presigned query parameters appended (`X-Amz-Algorithm`, `X-Amz-Credential`,
    /// `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`, `X-Amz-Security-Token` if any, then `X-Amz-Signature`),
    /// signing the request's headers (at least `Host`) and its payload hash, as botocore's presigner does for
    /// non-S3 services.
    /// - Parameters:
    ///   - request: the request to presign.
    ///   - now: the signing time in seconds since the epoch.
    ///   - expiresInSeconds: how long the URL stays valid (at most 604,800).
    /// - Returns: the presigned request.
    public func presign(_ request: SigV4Request, now: Double, expiresInSeconds: Int = 3600) -> SigV4Request {
        let timestamp = SigV4Timestamp(seconds: now)
        var presigned = request
        let signedHeaders = headersToSign(presigned)
        var parameters = [
            ("X-Amz-Algorithm", SigV4Canonical.algorithm),
            ("X-Amz-Credential", "\(accessKeyID)/\(scope(timestamp))"),
            ("X-Amz-Date", timestamp.amzDate),
            ("X-Amz-Expires", String(expiresInSeconds)),
            ("X-Amz-SignedHeaders", signedHeaders.joined(separator: ";")),
        ]
        if let sessionToken { parameters.append(("X-Amz-Security-Token", sessionToken)) }
        let encoded = parameters.map { "\($0.0)=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
        presigned.query = presigned.query.isEmpty ? encoded : presigned.query + "&" + encoded
        let signature = sign(
            presigned, signedHeaders: signedHeaders, timestamp: timestamp, excluding: "X-Amz-Signature",
            payloadHash: presigned.payloadSHA256)
        presigned.query += "&X-Amz-Signature=\(signature)"
        return presigned
    }

    private func scope(_ timestamp: SigV4Timestamp) -> String {
        [timestamp.day, region, service, SigV4Canonical.terminator].joined(separator: "/")
    }

    private func headersToSign(_ request: SigV4Request) -> [String] {
        Set(request.headers.map { $0.name.lowercased() }).subtracting(Self.unsignableHeaders).sorted()
    }

    private func sign(
        _ request: SigV4Request, signedHeaders: [String], timestamp: SigV4Timestamp, excluding: String?, payloadHash: String
    ) -> String {
        let canonical = SigV4Canonical.canonicalRequest(
            request, signedHeaders: signedHeaders, excludingQueryKey: excluding, payloadHash: payloadHash)
        let stringToSign = SigV4Canonical.stringToSign(amzDate: timestamp.amzDate, scope: scope(timestamp), canonicalRequest: canonical)
        let key = SigV4Canonical.signingKey(secret: secretAccessKey, day: timestamp.day, region: region, service: service)
        return SigV4Canonical.signature(stringToSign: stringToSign, signingKey: key)
    }
}
