import Foundation

/// Collects model-constraint violations of an input, and turns them into AWS's `InvalidParameterException` message.
public struct ECRViolations: Sendable, Equatable {
    /// One line per violation: `Value '…' at '<path>' failed to satisfy constraint: Member must …`.
    public private(set) var messages: [String] = []

    /// An empty collection.
    public init() {}

    /// True when nothing was violated.
    public var isEmpty: Bool { messages.isEmpty }

    /// `InvalidParameterException` with `N validation error(s) detected: <messages joined by "; ">`, or `nil`.
    public var error: ECRError? {
        guard !messages.isEmpty else { return nil }
        let count = messages.count == 1 ? "1 validation error" : "\(messages.count) validation errors"
        return .invalidParameter("\(count) detected: " + messages.joined(separator: "; "))
    }

    /// Records that `value` (already rendered, e.g. `'abc'` or `null`) at `path` fails `constraint`.
    public mutating func add(value: String, at path: String, constraint: String) {
        messages.append("Value \(value) at '\(path)' failed to satisfy constraint: \(constraint)")
    }

    /// The path of member `name` under `path`.
    static func member(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : path + "." + name
    }

    /// The path of the element at zero-based `index` of the list at `path` (`list.1.member` for the first).
    static func element(_ path: String, _ index: Int) -> String {
        "\(path).\(index + 1).member"
    }

    /// `'text'`, cut after 128 characters so huge values (manifests, policies) never fill a message.
    static func quoted(_ text: String) -> String {
        let limit = 128
        guard text.utf8.count > limit, text.count > limit else { return "'\(text)'" }
        return "'\(text.prefix(limit))...'"
    }

    mutating func length(_ count: Int, _ value: @autoclosure () -> String, _ path: String, min: Int?, max: Int?) {
        if let min, count < min {
            add(value: value(), at: path, constraint: "Member must have length greater than or equal to \(min)")
        }
        if let max, count > max {
            add(value: value(), at: path, constraint: "Member must have length less than or equal to \(max)")
        }
    }

    mutating func range<N: Comparable & CustomStringConvertible>(_ value: N, _ path: String, min: N?, max: N?) {
        if let min, value < min {
            add(value: "'\(value)'", at: path, constraint: "Member must have value greater than or equal to \(min)")
        }
        if let max, value > max {
            add(value: "'\(value)'", at: path, constraint: "Member must have value less than or equal to \(max)")
        }
    }
}
