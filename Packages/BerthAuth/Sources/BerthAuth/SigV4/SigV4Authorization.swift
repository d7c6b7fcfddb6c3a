import BerthCrypto
import BerthModel

/// What a client presented to authenticate, from either form: the `Authorization` header or presigned query
/// parameters. Parsing checks shape only; the verifier checks scope, time and signature.
struct SigV4Authorization: Sendable {
    var credential: SigV4Credential
    /// Lower-cased header names, in the order the client listed them.
    var signedHeaders: [String]
    var signature: String
    var timestamp: SigV4Timestamp
    /// `X-Amz-Expires` in seconds for the presigned form; nil for the header form.
    var expiresSeconds: Int64?
    /// True for the presigned (query-string) form.
    var isPresigned: Bool

    /// The longest validity a presigned request may ask for: one week.
    static let maximumExpiresSeconds: Int64 = 604_800

    /// Parses the `Authorization` header form (`AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`),
    /// taking the date from `X-Amz-Date` or else `Date`.
    /// - Throws: `IncompleteSignatureException` with AWS's message for what is missing or malformed.
    init(header value: String, request: SigV4Request) throws(SigV4Error) {
        let trimmed = value.drop(while: \.isWhitespace)
        let algorithm = trimmed.prefix(while: { !$0.isWhitespace })
        guard algorithm == SigV4Canonical.algorithm else {
            throw .incompleteSignature("Unsupported AWS 'algorithm': '\(algorithm)'. Authorization=\(value)")
        }
        var fields = [String: String]()
        for component in trimmed.dropFirst(algorithm.count).split(separator: ",") {
            let piece = component.trimmingWhitespace()
            guard !piece.isEmpty else { continue }
            guard let equals = piece.firstIndex(of: "=") else {
                let digest = Base64.encode(SHA256Hasher.hash(Array(value.utf8)))
                throw .incompleteSignature(
                    "Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): "
                        + "'\(digest)'.")
            }
            fields[String(piece[..<equals])] = String(piece[piece.index(after: equals)...])
        }
        let amzDate = request.header("x-amz-date")
        let stamp = amzDate ?? request.header("date")
        var problems = [String]()
        for name in ["Credential", "Signature", "SignedHeaders"] where (fields[name] ?? "").isEmpty {
            problems.append("Authorization header requires '\(name)' parameter.")
        }
        if stamp == nil {
            problems.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        }
        guard problems.isEmpty, let credential = fields["Credential"], let signature = fields["Signature"],
            let signedHeaders = fields["SignedHeaders"], let stamp
        else {
            throw .incompleteSignature((problems + ["Authorization=\(value)"]).joined(separator: " "))
        }
        let text = stamp.trimmingWhitespace()
        guard let timestamp = amzDate != nil ? SigV4Timestamp(amzDate: text) : SigV4Timestamp(httpDate: text) else {
            throw SigV4Authorization.malformedDate(stamp)
        }
        try self.init(
            credential: SigV4Credential(parsing: credential), signedHeaders: signedHeaders, signature: signature,
            timestamp: timestamp, expiresSeconds: nil, isPresigned: false)
    }

    /// Parses the presigned form from the query's `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`,
    /// `X-Amz-SignedHeaders`, `X-Amz-Signature` and optional `X-Amz-Expires`.
    /// - Throws: `IncompleteSignatureException` naming the missing or malformed parameters.
    init(query: QueryParameters) throws(SigV4Error) {
        let required = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders"]
        let missing = required.filter { (query.first($0) ?? "").isEmpty }
        guard missing.isEmpty, let algorithm = query.first("X-Amz-Algorithm"), let credential = query.first("X-Amz-Credential"),
            let signature = query.first("X-Amz-Signature"), let date = query.first("X-Amz-Date"),
            let signedHeaders = query.first("X-Amz-SignedHeaders")
        else {
            throw .incompleteSignature(
                missing.map { "AWS query-string parameters must include '\($0)'." }.joined(separator: " ")
                    + " Re-examine the query-string parameters.")
        }
        guard algorithm == SigV4Canonical.algorithm else {
            throw .incompleteSignature("Unsupported AWS 'algorithm': '\(algorithm)'. Re-examine the query-string parameters.")
        }
        guard let timestamp = SigV4Timestamp(amzDate: date) else { throw SigV4Authorization.malformedDate(date) }
        var expires: Int64?
        if let text = query.first("X-Amz-Expires") {
            guard let value = Int64(text), value >= 0 else {
                throw .incompleteSignature("X-Amz-Expires should be a non-negative number of seconds, got '\(text)'.")
            }
            guard value <= Self.maximumExpiresSeconds else {
                throw .incompleteSignature("X-Amz-Expires must be less than a week (in seconds) that is 604800")
            }
            expires = value
        }
        try self.init(
            credential: SigV4Credential(parsing: credential), signedHeaders: signedHeaders, signature: signature,
            timestamp: timestamp, expiresSeconds: expires, isPresigned: true)
    }

    private init(
        credential: SigV4Credential, signedHeaders: String, signature: String, timestamp: SigV4Timestamp, expiresSeconds: Int64?,
        isPresigned: Bool
    ) throws(SigV4Error) {
        self.credential = credential
        self.signedHeaders = signedHeaders.split(separator: ";").map { $0.trimmingWhitespace().lowercased() }
        self.signature = signature
        self.timestamp = timestamp
        self.expiresSeconds = expiresSeconds
        self.isPresigned = isPresigned
        guard self.signedHeaders.contains("host") || self.signedHeaders.contains(":authority") else {
            throw .incompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
        }
    }

    private static func malformedDate(_ text: String) -> SigV4Error {
        .incompleteSignature("Date must be in ISO-8601 'basic format'. Got '\(text)'. See http://en.wikipedia.org/wiki/ISO_8601")
    }
}

extension StringProtocol {
    /// The text without leading and trailing ASCII whitespace (space, tab, CR, LF), scanned as UTF-8 bytes: this runs
    /// on every signed request, and Character-wise reversal was a sixth of the server's CPU under load.
    func trimmingWhitespace() -> String {
        var first: String.Index?
        var last: String.Index?
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte != 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
                if first == nil { first = index }
                last = index
            }
            index = utf8.index(after: index)
        }
        guard let first, let last else { return "" }
        return String(self[first...last])
    }
}
