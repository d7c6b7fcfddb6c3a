/// The `Content-Range` of a blob upload chunk (PATCH, or PUT with a final chunk): inclusive byte positions.
///
/// The spec's form is `<start>-<end>` (`^[0-9]+-[0-9]+$`); clients also send RFC 9110's `bytes <start>-<end>/<total>`
/// (or `/*`) and some `bytes=<start>-<end>`, so those are accepted too.
public struct UploadContentRange: Sendable, Hashable {
    /// Position of the chunk's first byte in the blob.
    public let start: Int64
    /// Position of the chunk's last byte in the blob (inclusive, `>= start`).
    public let end: Int64

    /// The number of bytes the chunk holds.
    public var length: Int64 { end - start + 1 }

    /// Creates a range; nil when `start` is negative or `end < start`.
    /// - Parameters:
    ///   - start: First byte position.
    ///   - end: Last byte position, inclusive.
    public init?(start: Int64, end: Int64) {
        guard start >= 0, end >= start, end < Int64.max else { return nil }
        self.start = start
        self.end = end
    }

    /// Parses a `Content-Range` request header; nil when it is malformed, overflows, has `end < start`, or states a
    /// total that the range does not fit in.
    /// - Parameter header: The header value.
    public init?(parsing header: String) {
        var text = header.trimmingOWS()
        if let prefix = ["bytes ", "bytes="].first(where: { text.lowercased().hasPrefix($0) }) {
            text = text.dropFirst(prefix.count).trimmingOWS()
        }
        var total: Int64?
        if let slash = text.firstIndex(of: "/") {
            let totalText = text[text.index(after: slash)...]
            if totalText != "*" {
                guard let value = DecimalText.exact(totalText) else { return nil }
                total = value
            }
            text = text[..<slash]
        }
        guard let dash = text.firstIndex(of: "-"), let start = DecimalText.exact(text[..<dash]),
            let end = DecimalText.exact(text[text.index(after: dash)...])
        else { return nil }
        if let total, end >= total { return nil }
        self.init(start: start, end: end)
    }

    /// The `Range` response header of an upload holding `bytesReceived` bytes: `0-<bytesReceived - 1>`.
    ///
    /// The spec defines `<end-of-range>` only as the position of the last byte received, which does not exist for
    /// an empty upload; like distribution, Berth then sends `0-0` (indistinguishable from one byte, but it is what
    /// clients have always parsed; a fresh session's `0-0` is also what POST answers carry).
    /// - Parameter bytesReceived: The bytes the upload holds.
    public static func rangeHeader(bytesReceived: Int64) -> String {
        "0-\(max(bytesReceived - 1, 0))"
    }
}
