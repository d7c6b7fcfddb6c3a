import BerthCrypto
import BerthModel

/// The SigV4 canonical request, string to sign, signing key and signature, as AWS defines them and botocore
/// computes them for non-S3 services.
enum SigV4Canonical {
    /// The only algorithm SigV4 has.
    static let algorithm = "AWS4-HMAC-SHA256"
    /// The payload hash a client uses when it does not sign the body.
    static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// The credential scope's last element.
    static let terminator = "aws4_request"

    /// The canonical request: method, canonical URI, canonical query, canonical headers, signed headers, payload hash.
    /// - Parameters:
    ///   - request: the request as received.
    ///   - signedHeaders: the lower-cased names the client signed, in the order it listed them.
    ///   - excludingQueryKey: a query parameter left out (`X-Amz-Signature` in the presigned form).
    ///   - payloadHash: the hex SHA-256 of the body or `UNSIGNED-PAYLOAD`.
    static func canonicalRequest(
        _ request: SigV4Request, signedHeaders: [String], excludingQueryKey: String? = nil, payloadHash: String
    ) -> String {
        [
            request.method.uppercased(),
            canonicalURI(request.path),
            canonicalQuery(request.query, excluding: excludingQueryKey),
            canonicalHeaders(request, signedHeaders: signedHeaders),
            signedHeaders.joined(separator: ";"),
            payloadHash,
        ].joined(separator: "\n")
    }

    /// The path with dot segments and empty segments removed, then URI-encoded once more (non-S3 services encode
    /// the already-encoded path again: `/a%20b` becomes `/a%2520b`). An empty path is `/`.
    static func canonicalURI(_ rawPath: String) -> String {
        guard !rawPath.isEmpty else { return "/" }
        var segments = [Substring]()
        for segment in rawPath.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." {
                if !segments.isEmpty { segments.removeLast() }
            } else {
                segments.append(segment)
            }
        }
        var normalized = rawPath.hasPrefix("/") ? "/" : ""
        normalized += segments.joined(separator: "/")
        if rawPath.hasSuffix("/") && !segments.isEmpty { normalized += "/" }
        return PercentEncoding.encode(normalized, keepingSlash: true)
    }

    /// Every parameter decoded then re-encoded per RFC 3986, sorted by encoded key then encoded value (bytewise),
    /// joined with `&`; `excluding` is left out.
    static func canonicalQuery(_ rawQuery: String, excluding: String? = nil) -> String {
        let excluded = excluding.map { Array($0.utf8) }
        let pairs = QueryParameters(raw: rawQuery).parameters
            .filter { $0.key != excluded }
            .map { (key: PercentEncoding.encode($0.key), value: PercentEncoding.encode($0.value)) }
            .sorted { left, right in
                left.key == right.key
                    ? left.value.utf8.lexicographicallyPrecedes(right.value.utf8)
                    : left.key.utf8.lexicographicallyPrecedes(right.key.utf8)
            }
        return pairs.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }

    /// One `name:value\n` line per signed header, values trimmed with inner whitespace runs collapsed and repeated
    /// headers joined with `,`.
    static func canonicalHeaders(_ request: SigV4Request, signedHeaders: [String]) -> String {
        var text = ""
        for name in signedHeaders {
            let values = request.headerValues(name).map(trimmingAll)
            text += name + ":" + values.joined(separator: ",") + "\n"
        }
        return text
    }

    /// `AWS4-HMAC-SHA256`, the timestamp, the scope and the hex SHA-256 of the canonical request, one per line.
    static func stringToSign(amzDate: String, scope: String, canonicalRequest: String) -> String {
        [algorithm, amzDate, scope, SHA256Hasher.hexHash(Array(canonicalRequest.utf8))].joined(separator: "\n")
    }

    /// The key derived from the secret: HMAC chain over date, region, service and `aws4_request`.
    static func signingKey(secret: String, day: String, region: String, service: String) -> [UInt8] {
        let dateKey = HMACSHA256.authenticate(day, key: Array("AWS4\(secret)".utf8))
        let regionKey = HMACSHA256.authenticate(region, key: dateKey)
        let serviceKey = HMACSHA256.authenticate(service, key: regionKey)
        return HMACSHA256.authenticate(terminator, key: serviceKey)
    }

    /// The lower-case hex signature of `stringToSign` under `signingKey`.
    static func signature(stringToSign: String, signingKey: [UInt8]) -> String {
        Hex.encode(HMACSHA256.authenticate(stringToSign, key: signingKey))
    }

    /// Trims surrounding whitespace and collapses inner runs of whitespace to one space (SigV4's Trimall).
    static func trimmingAll(_ value: String) -> String {
        value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
