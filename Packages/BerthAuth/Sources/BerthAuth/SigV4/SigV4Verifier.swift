import BerthCrypto

/// Verifies AWS Signature Version 4 on incoming requests, in the `Authorization` header form and the presigned
/// query-string form, for one service and the regions its policy allows.
///
/// Pure logic over plain values: the HTTP layer builds a `SigV4Request`, passes the clock, and renders a thrown
/// `SigV4Error` as the AWS JSON error it describes.
public struct SigV4Verifier: Sendable {
    private let keys: any AccessKeyStore
    private let regions: SigV4RegionPolicy
    private let service: String
    private let maxClockSkewSeconds: Double

    /// A verifier for requests scoped to regions `regions` allows and to `service`.
    /// - Parameters:
    ///   - keys: where secrets are looked up by access key ID.
    ///   - regions: the regions a credential scope may name.
    ///   - service: the signing name, `"ecr"` for the ECR API.
    ///   - maxClockSkewSeconds: how far a request's date may be from `now`, either way (AWS: 5 minutes).
    public init(keys: any AccessKeyStore, regions: SigV4RegionPolicy, service: String = "ecr", maxClockSkewSeconds: Double = 300) {
        self.keys = keys
        self.regions = regions
        self.service = service
        self.maxClockSkewSeconds = maxClockSkewSeconds
    }

    /// A verifier for requests scoped to exactly `region` (and `service`).
    public init(keys: any AccessKeyStore, region: String, service: String = "ecr", maxClockSkewSeconds: Double = 300) {
        self.init(keys: keys, regions: .only([region]), service: service, maxClockSkewSeconds: maxClockSkewSeconds)
    }

    /// The principal ARN an access key belongs to (for callers authenticated another way, e.g. a registry
    /// password minted for the key), or nil when the key is unknown.
    public func principalARN(for accessKeyID: String) -> String? {
        keys.principalARN(for: accessKeyID)
    }

    /// Verifies `request` at time `now` and returns who signed it.
    ///
    /// The header form wins when an `Authorization` header is present; otherwise the presigned form is used when
    /// the query carries `X-Amz-Algorithm`, `X-Amz-Credential` or `X-Amz-Signature`.
    /// - Parameters:
    ///   - request: the request as received.
    ///   - now: the current time in seconds since the epoch.
    /// - Returns: the access key and region of the credential scope.
    /// - Throws: `SigV4Error`: `MissingAuthenticationTokenException` (403), `IncompleteSignatureException`,
    ///   `UnrecognizedClientException` or `InvalidSignatureException` (400).
    public func verify(_ request: SigV4Request, now: Double) throws(SigV4Error) -> VerifiedCaller {
        let query = QueryParameters(raw: request.query)
        let authorization: SigV4Authorization
        if let header = request.header("authorization"), !header.trimmingWhitespace().isEmpty {
            authorization = try SigV4Authorization(header: header, request: request)
        } else if ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature"].contains(where: query.contains) {
            authorization = try SigV4Authorization(query: query)
        } else {
            throw .missingAuthenticationToken
        }
        let credential = authorization.credential
        try credential.validate(regions: regions, service: service, timestamp: authorization.timestamp)
        guard let secret = keys.secretAccessKey(for: credential.accessKeyID) else { throw .unrecognizedClient }
        try checkTime(authorization, now: now)
        try checkSignature(authorization, request: request, secret: secret)
        return VerifiedCaller(accessKeyID: credential.accessKeyID, region: credential.region)
    }

    /// Rejects a date too far from `now`, or a presigned request past `X-Amz-Expires`, with AWS's wording.
    private func checkTime(_ authorization: SigV4Authorization, now: Double) throws(SigV4Error) {
        let signedAt = Double(authorization.timestamp.epochSeconds)
        let current = SigV4Timestamp(seconds: now)
        let skew = SigV4Timestamp(seconds: maxClockSkewSeconds).epochSeconds
        let skewText = skew % 60 == 0 ? "\(skew / 60) min." : "\(skew) sec."
        if signedAt > now + maxClockSkewSeconds {
            let limit = SigV4Timestamp(epochSeconds: current.epochSeconds + skew)
            throw .invalidSignature(
                "Signature not yet current: \(authorization.timestamp.amzDate) is still later than \(limit.amzDate) "
                    + "(\(current.amzDate) + \(skewText))")
        }
        if let expires = authorization.expiresSeconds {
            if signedAt + Double(expires) < now {
                let limit = SigV4Timestamp(epochSeconds: current.epochSeconds - expires)
                throw .invalidSignature(
                    "Signature expired: \(authorization.timestamp.amzDate) is now earlier than \(limit.amzDate) "
                        + "(\(current.amzDate) - \(expires) sec.)")
            }
        } else if signedAt < now - maxClockSkewSeconds {
            let limit = SigV4Timestamp(epochSeconds: current.epochSeconds - skew)
            throw .invalidSignature(
                "Signature expired: \(authorization.timestamp.amzDate) is now earlier than \(limit.amzDate) "
                    + "(\(current.amzDate) - \(skewText))")
        }
    }

    /// Recomputes the signature and compares it in constant time.
    ///
    /// The payload hash is the `x-amz-content-sha256` header when present (it must then match the body unless it
    /// is `UNSIGNED-PAYLOAD`), else the body's hash; a presigned request may also have been signed with
    /// `UNSIGNED-PAYLOAD`, as S3-style presigners do.
    private func checkSignature(_ authorization: SigV4Authorization, request: SigV4Request, secret: String) throws(SigV4Error) {
        var payloadHashes = [request.payloadSHA256.lowercased()]
        if let declared = request.header("x-amz-content-sha256")?.trimmingWhitespace() {
            if let bytes = Hex.decode(declared), bytes.count == 32, declared.lowercased() != request.payloadSHA256.lowercased() {
                throw .invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.")
            }
            payloadHashes = [declared]
        }
        if authorization.isPresigned && !payloadHashes.contains(SigV4Canonical.unsignedPayload) {
            payloadHashes.append(SigV4Canonical.unsignedPayload)
        }
        let credential = authorization.credential
        let key = SigV4Canonical.signingKey(secret: secret, day: credential.day, region: credential.region, service: credential.service)
        var matched = false
        for payloadHash in payloadHashes {
            let canonical = SigV4Canonical.canonicalRequest(
                request, signedHeaders: authorization.signedHeaders,
                excludingQueryKey: authorization.isPresigned ? "X-Amz-Signature" : nil, payloadHash: payloadHash)
            let stringToSign = SigV4Canonical.stringToSign(
                amzDate: authorization.timestamp.amzDate, scope: credential.scope, canonicalRequest: canonical)
            let expected = SigV4Canonical.signature(stringToSign: stringToSign, signingKey: key)
            if ConstantTime.equals(expected, authorization.signature) { matched = true }
        }
        guard matched else { throw .signatureMismatch }
    }
}
