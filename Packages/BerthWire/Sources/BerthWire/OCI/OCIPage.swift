/// One page of a `tags/list` or `_catalog` listing, with what the `Link` header needs.
public struct OCIPage: Sendable, Hashable {
    /// The items of this page, in byte order.
    public let items: [String]
    /// The page size used (the `n` a next-page link repeats).
    public let pageSize: Int
    /// True when items remain after this page.
    public let hasMore: Bool

    /// Creates a page.
    /// - Parameters:
    ///   - items: The page's items.
    ///   - pageSize: The page size used.
    ///   - hasMore: Whether items remain.
    public init(items: [String], pageSize: Int, hasMore: Bool) {
        self.items = items
        self.pageSize = pageSize
        self.hasMore = hasMore
    }

    /// The `Link` header for the next page, nil when this is the last page:
    /// `</v2/<name>/tags/list?n=<n>&last=<last>>; rel="next"` (RFC 5988, a relative reference as distribution sends).
    /// - Parameter path: The listing path, e.g. `/v2/team/app/tags/list` or `/v2/_catalog`.
    public func linkHeader(path: String) -> String? {
        guard hasMore, let last = items.last else { return nil }
        return "<\(path)?n=\(pageSize)&last=\(OCIPage.queryEscaped(last))>; rel=\"next\""
    }

    /// The `Link` header of a `tags/list` page for repository `name`.
    /// - Parameter name: The repository (its `/` stay as they are in a path).
    public func tagsListLinkHeader(name: String) -> String? {
        linkHeader(path: "/v2/\(name)/tags/list")
    }

    /// The `Link` header of a `_catalog` page.
    public func catalogLinkHeader() -> String? {
        linkHeader(path: "/v2/_catalog")
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters and `/` (tags and names need nothing else).
    static func queryEscaped(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return result
    }
}
