import Foundation

/// The checks generated `validate(at:into:)` methods call, one per kind of constrained value; `nil` passes.
extension ECRViolations {
    mutating func string(
        _ value: String?,
        _ path: String,
        min: Int? = nil,
        max: Int? = nil,
        pattern: ECRPattern? = nil,
        allowed: [String]? = nil
    ) {
        guard let value else { return }
        if min != nil || max != nil {
            length(Self.characterCount(value, min: min, max: max), Self.quoted(value), path, min: min, max: max)
        }
        if let pattern, !pattern.matches(value) {
            add(value: Self.quoted(value), at: path, constraint: "Member must satisfy regular expression pattern: \(pattern.source)")
        }
        if let allowed, !allowed.contains(value) {
            let set = "[" + allowed.joined(separator: ", ") + "]"
            add(value: Self.quoted(value), at: path, constraint: "Member must satisfy enum value set: \(set)")
        }
    }

    mutating func blob(_ value: Data?, _ path: String, min: Int? = nil, max: Int? = nil) {
        guard let value else { return }
        length(value.count, "'<\(value.count) bytes>'", path, min: min, max: max)
    }

    mutating func integer(_ value: Int?, _ path: String, min: Int? = nil, max: Int? = nil) {
        guard let value else { return }
        range(value, path, min: min, max: max)
    }

    mutating func long(_ value: Int64?, _ path: String, min: Int64? = nil, max: Int64? = nil) {
        guard let value else { return }
        range(value, path, min: min, max: max)
    }

    mutating func double(_ value: Double?, _ path: String, min: Double? = nil, max: Double? = nil) {
        guard let value else { return }
        range(value, path, min: min, max: max)
    }

    mutating func count<Element>(of value: [Element], _ path: String, min: Int? = nil, max: Int? = nil) {
        length(value.count, Self.describe(value), path, min: min, max: max)
    }

    mutating func count<Value>(of value: [String: Value], _ path: String, min: Int? = nil, max: Int? = nil) {
        length(value.count, "'{\(value.count) entries}'", path, min: min, max: max)
    }

    /// The character count of `text`, or its UTF-8 length when that compares with the bounds the same way
    /// (a string has at most as many characters as UTF-8 bytes), so huge manifests are not walked character by character.
    static func characterCount(_ text: String, min: Int?, max: Int?) -> Int {
        let bytes = text.utf8.count
        let maxDecided = max.map { bytes <= $0 } ?? true
        let minDecided = min.map { $0 <= 1 || bytes < $0 } ?? true
        return maxDecided && minDecided ? bytes : text.count
    }

    /// `'[a, b]'` for a list of strings, `'[<n> items]'` for other lists.
    static func describe<Element>(_ list: [Element]) -> String {
        if let strings = list as? [String] {
            return quoted("[" + strings.joined(separator: ", ") + "]")
        }
        return list.isEmpty ? "'[]'" : "'[\(list.count) items]'"
    }
}
