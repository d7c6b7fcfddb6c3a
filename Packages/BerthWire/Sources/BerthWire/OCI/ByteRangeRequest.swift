/// What to serve for a blob GET given its `Range` header (RFC 9110 §14): the whole blob, one part, or 416.
///
/// Only a single `bytes` range is honoured. Per RFC 9110 a server MAY ignore `Range`, so a missing header, another
/// unit, several ranges, or a syntactically invalid value (including `last < first`) all serve the whole blob (200).
/// A well-formed range that starts at or past the end, or a zero-length suffix, is unsatisfiable: answer 416 with
/// `Content-Range: bytes */<size>` (`OCIError.rangeNotSatisfiable(size:)`).
public enum ByteRangeRequest: Sendable, Hashable {
    /// Serve the whole blob with 200.
    case full
    /// Serve these bytes (half-open, already clamped to the blob) with 206 and `contentRangeHeader(for:size:)`.
    case partial(Range<Int64>)
    /// Answer 416 with `Content-Range: bytes */<size>`.
    case unsatisfiable

    /// Interprets a `Range` header against a blob of `size` bytes.
    /// - Parameters:
    ///   - header: The `Range` header value, or nil when absent.
    ///   - size: The blob size in bytes.
    /// - Returns: What to serve.
    public static func parse(_ header: String?, size: Int64) -> ByteRangeRequest {
        guard let header, let equals = header.firstIndex(of: "=") else { return .full }
        let unit = header[..<equals].trimmingOWS()
        guard unit.lowercased() == "bytes" else { return .full }
        let set = header[header.index(after: equals)...].trimmingOWS()
        guard !set.contains(","), let dash = set.firstIndex(of: "-") else { return .full }
        let first = set[..<dash]
        let last = set[set.index(after: dash)...]
        if first.isEmpty {
            guard let suffixLength = DecimalText.saturating(last) else { return .full }
            guard suffixLength > 0, size > 0 else { return .unsatisfiable }
            return .partial(max(0, size - suffixLength)..<size)
        }
        guard let start = DecimalText.saturating(first) else { return .full }
        var end = Int64.max
        if !last.isEmpty {
            guard let lastPosition = DecimalText.saturating(last), lastPosition >= start else { return .full }
            end = lastPosition
        }
        guard start < size else { return .unsatisfiable }
        return .partial(start..<(min(end, size - 1) + 1))
    }

    /// The `Content-Range` value of a 206 answer: `bytes <first>-<last>/<size>` (inclusive positions).
    /// - Parameters:
    ///   - range: The half-open range served (non-empty).
    ///   - size: The blob size.
    public static func contentRangeHeader(for range: Range<Int64>, size: Int64) -> String {
        "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(size)"
    }

    /// The `Content-Range` value of a 416 answer: `bytes */<size>`.
    /// - Parameter size: The blob size.
    public static func unsatisfiedContentRangeHeader(size: Int64) -> String {
        "bytes */\(size)"
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (HTTP's optional whitespace).
    func trimmingOWS() -> SubSequence {
        let isOWS: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isOWS($0) }), let end = lastIndex(where: { !isOWS($0) }) else { return self[endIndex...] }
        return self[start...end]
    }
}
