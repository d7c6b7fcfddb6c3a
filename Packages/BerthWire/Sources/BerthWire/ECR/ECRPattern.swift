import Foundation

/// A `pattern` constraint of the ECR model, compiled once (patterns are `static let`s, see `ECRPattern+Model.swift`).
///
/// Matching is full-string, as AWS applies the patterns: `matches` is true only when the whole text matches.
public final class ECRPattern: Sendable {
    /// The pattern as the model spells it (quoted in violation messages).
    public let source: String
    private let regex: NSRegularExpression?

    /// Compiles `source` (anchored at both ends). An invalid pattern matches nothing; see `compiles`.
    public init(_ source: String) {
        self.source = source
        self.regex = try? NSRegularExpression(pattern: "\\A(?:" + source + ")\\z")
    }

    /// True when NSRegularExpression accepted the pattern.
    public var compiles: Bool { regex != nil }

    /// True when all of `text` matches the pattern.
    public func matches(_ text: String) -> Bool {
        guard let regex else { return false }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }
}
