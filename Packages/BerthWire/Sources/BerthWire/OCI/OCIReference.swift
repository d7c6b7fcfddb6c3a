public import BerthModel

/// The `<reference>` of a manifest route: a tag or a digest.
public enum OCIReference: Sendable, Hashable, CustomStringConvertible {
    /// A tag matching `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`.
    case tag(String)
    /// A digest (sha256 or sha512).
    case digest(Digest)

    /// Parses a reference: text containing `:` must be a digest, anything else must be a valid OCI tag.
    ///
    /// A tag can never contain `:`, so text with one was meant as a digest and a malformed one is
    /// `DIGEST_INVALID` (400). Any other text that is not a valid tag is `MANIFEST_INVALID` (400): the spec lists no
    /// `TAG_INVALID` (a schema-1 leftover), a malformed reference is the client's fault, and distribution's 500 for
    /// `sha256:totallywrong` is exactly what must not happen.
    /// - Parameter text: The last path segment of a manifest route.
    /// - Returns: The reference, or the error to answer with.
    public static func parse(_ text: String) -> Result<OCIReference, OCIError> {
        if text.contains(":") {
            guard let digest = Digest(parsing: text) else { return .failure(.digestInvalid(text)) }
            return .success(.digest(digest))
        }
        guard ImageTag.isValidOCI(text) else {
            return .failure(OCIError(.manifestInvalid, message: "invalid tag", detail: .fields(["tag": text])))
        }
        return .success(.tag(text))
    }

    /// The tag or the digest's `algorithm:encoded` text.
    public var description: String {
        switch self {
        case .tag(let tag): tag
        case .digest(let digest): digest.description
        }
    }

    /// The tag, when this is a tag reference.
    public var tag: String? {
        if case .tag(let tag) = self { return tag }
        return nil
    }

    /// The digest, when this is a digest reference.
    public var digest: Digest? {
        if case .digest(let digest) = self { return digest }
        return nil
    }
}
