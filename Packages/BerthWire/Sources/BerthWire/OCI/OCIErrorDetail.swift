/// The optional `detail` member of an OCI error: free text, or an object of string fields such as
/// `{"digest":"sha256:…"}` (the spec's example for `BLOB_UNKNOWN`).
public enum OCIErrorDetail: Sendable, Hashable, ExpressibleByStringLiteral {
    /// Rendered as a JSON string.
    case text(String)
    /// Rendered as a JSON object whose keys are in ascending byte order.
    case fields([String: String])

    /// A `.text` detail from a string literal.
    public init(stringLiteral value: String) {
        self = .text(value)
    }
}
