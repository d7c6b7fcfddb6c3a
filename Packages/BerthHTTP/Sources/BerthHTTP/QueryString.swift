import BerthModel

/// Splits and percent-decodes a URL query string; `+` is a space, as botocore sends spaces and BerthAuth reads them.
enum QueryString {
    /// The decoded (name, value) pairs in order.
    static func parse(_ query: String) -> [(String, String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentEncoding.decode(parts[0], plusAsSpace: true)
            let value = parts.count > 1 ? PercentEncoding.decode(parts[1], plusAsSpace: true) : ""
            return (name, value)
        }
    }
}
