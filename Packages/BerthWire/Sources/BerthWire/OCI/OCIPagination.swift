import BerthModel

/// The `n` / `last` paging of `tags/list` and `_catalog`.
///
/// `n` absent means a default page of `maximumPageSize` (1000, ECR's largest page) rather than distribution's
/// "everything": a repository with 100k tags must not become one response. `n` above the maximum is capped to it.
/// Both are allowed by the spec because a `Link` header is sent whenever more items remain, and `n=0` returns an
/// empty list with no `Link`. `last` is exclusive. Order is ASCIIbetical (byte order, Go's `sort.Strings`).
public struct OCIPagination: Sendable, Hashable {
    /// The largest page served, and the page size when `n` is absent.
    public static let maximumPageSize = 1000

    /// The number of items this page holds at most (0…`maximumPageSize`).
    public let pageSize: Int
    /// The exclusive lower bound, nil to start at the beginning.
    public let last: String?

    /// Creates paging from already-validated values.
    /// - Parameters:
    ///   - n: The requested page size (negative counts as 0), nil for the default.
    ///   - last: The exclusive lower bound; empty counts as absent.
    public init(n: Int? = nil, last: String? = nil) {
        self.pageSize = min(max(n ?? OCIPagination.maximumPageSize, 0), OCIPagination.maximumPageSize)
        self.last = last?.isEmpty == false ? last : nil
    }

    /// Parses the `n` and `last` query parameters.
    ///
    /// `n` must be decimal digits only (absent or empty means the default; huge values are capped); anything else,
    /// negative numbers included, is 400 `PAGINATION_NUMBER_INVALID`.
    /// - Parameters:
    ///   - n: The `n` parameter as received (decoded), nil when absent.
    ///   - last: The `last` parameter as received (decoded), nil when absent.
    /// - Returns: The paging, or the error to answer with.
    public static func parse(n: String?, last: String?) -> Result<OCIPagination, OCIError> {
        guard let n, !n.isEmpty else { return .success(OCIPagination(n: nil, last: last)) }
        guard let value = DecimalText.saturating(n) else {
            return .failure(OCIError(.paginationNumberInvalid, detail: .fields(["n": n])))
        }
        return .success(OCIPagination(n: Int(min(value, Int64(maximumPageSize))), last: last))
    }

    /// Cuts one page out of `items`: sorts them in byte order, keeps those after `last`, takes `pageSize`.
    ///
    /// `items` may be the whole list, or a store's answer to "`pageSize + 1` items after `last`, ordered"
    /// (the extra item is how the page learns that more remain).
    /// - Parameter items: Candidate items, in any order.
    /// - Returns: The page and whether more items follow it.
    public func page(_ items: [String]) -> OCIPage {
        guard pageSize > 0 else { return OCIPage(items: [], pageSize: 0, hasMore: false) }
        var candidates = items.sorted(by: JSONWriter.byteOrder)
        if let last { candidates.removeAll { !JSONWriter.byteOrder(last, $0) } }
        let hasMore = candidates.count > pageSize
        return OCIPage(items: Array(candidates.prefix(pageSize)), pageSize: pageSize, hasMore: hasMore)
    }
}
