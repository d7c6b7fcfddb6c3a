/// Wildcard matching, the one matcher of Berth: `*` matches any run of characters (including none); with
/// `questionMark` (IAM policies) `?` matches exactly one. ECR's tag filters and lifecycle tag patterns use `*` only.
public enum WildcardPattern {
    /// True when `text` matches `pattern` as a whole.
    /// - Parameters:
    ///   - pattern: e.g. `release-*`, `ecr:Batch*`, `arn:aws:ecr:*:123456789012:repository/team/*`.
    ///   - text: the text to test.
    ///   - questionMark: whether `?` is a one-character wildcard (IAM) or itself (ECR filters).
    ///   - caseSensitive: false for IAM action names.
    public static func matches(_ pattern: String, _ text: String, questionMark: Bool = false, caseSensitive: Bool = true) -> Bool {
        let pattern = Array(caseSensitive ? pattern.unicodeScalars : pattern.lowercased().unicodeScalars)
        let text = Array(caseSensitive ? text.unicodeScalars : text.lowercased().unicodeScalars)
        var patternIndex = 0
        var textIndex = 0
        var star: Int?
        var resume = 0
        while textIndex < text.count {
            if patternIndex < pattern.count, pattern[patternIndex] != "*",
                pattern[patternIndex] == text[textIndex] || (questionMark && pattern[patternIndex] == "?")
            {
                patternIndex += 1
                textIndex += 1
            } else if patternIndex < pattern.count, pattern[patternIndex] == "*" {
                star = patternIndex
                resume = textIndex
                patternIndex += 1
            } else if let star {
                patternIndex = star + 1
                resume += 1
                textIndex = resume
            } else {
                return false
            }
        }
        while patternIndex < pattern.count, pattern[patternIndex] == "*" { patternIndex += 1 }
        return patternIndex == pattern.count
    }
}
