/// IAM's wildcard matching: `*` matches any run of characters (including none), `?` exactly one.
public enum PolicyPattern {
    /// True when `value` matches `pattern` as a whole.
    /// - Parameters:
    ///   - pattern: the pattern, e.g. `ecr:Batch*` or `arn:aws:ecr:*:123456789012:repository/team/*`.
    ///   - value: the text to test.
    ///   - caseSensitive: false for action names, true for ARNs.
    public static func matches(_ pattern: String, _ value: String, caseSensitive: Bool) -> Bool {
        let pattern = Array(caseSensitive ? pattern.unicodeScalars : pattern.lowercased().unicodeScalars)
        let value = Array(caseSensitive ? value.unicodeScalars : value.lowercased().unicodeScalars)
        var patternIndex = 0
        var valueIndex = 0
        var starIndex: Int?
        var resumeIndex = 0
        while valueIndex < value.count {
            if patternIndex < pattern.count, pattern[patternIndex] == "?" || pattern[patternIndex] == value[valueIndex] {
                patternIndex += 1
                valueIndex += 1
            } else if patternIndex < pattern.count, pattern[patternIndex] == "*" {
                starIndex = patternIndex
                resumeIndex = valueIndex
                patternIndex += 1
            } else if let star = starIndex {
                patternIndex = star + 1
                resumeIndex += 1
                valueIndex = resumeIndex
            } else {
                return false
            }
        }
        while patternIndex < pattern.count, pattern[patternIndex] == "*" { patternIndex += 1 }
        return patternIndex == pattern.count
    }
}
