/// Range validation shared by the stores.
enum BlobRange {
    /// The absolute byte span a reader yields: the whole blob for nil, else `range` when
    /// `0 <= lower < upper <= size`.
    /// - Throws: `BlobStoreError.invalidRange`.
    static func resolve(_ range: Range<Int64>?, size: Int64) throws -> Range<Int64> {
        guard let range else { return 0..<size }
        guard range.lowerBound >= 0, range.lowerBound < range.upperBound, range.upperBound <= size else {
            throw BlobStoreError.invalidRange
        }
        return range
    }
}
