import BerthModel

/// A raw query string split into its parameters, each percent-decoded (`+` as a space), in received order.
struct QueryParameters: Sendable {
    /// One decoded `key=value` pair; a key without `=` has an empty value.
    struct Parameter: Sendable {
        var key: [UInt8]
        var value: [UInt8]

        /// The key as text (invalid UTF-8 repaired).
        var keyText: String { String(decoding: key, as: UTF8.self) }
        /// The value as text (invalid UTF-8 repaired).
        var valueText: String { String(decoding: value, as: UTF8.self) }
    }

    /// The parameters in the order they appeared; empty pieces (`a&&b`) are skipped.
    var parameters: [Parameter]

    /// Splits and decodes `raw` (the query without its `?`).
    init(raw: String) {
        parameters = raw.split(separator: "&", omittingEmptySubsequences: true).map { piece in
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? String(parts[1]) : ""
            return Parameter(
                key: PercentEncoding.decodeBytes(parts[0], plusAsSpace: true),
                value: PercentEncoding.decodeBytes(value, plusAsSpace: true))
        }
    }

    /// Every value of `key` (an exact, case-sensitive match), in order.
    func values(for key: String) -> [String] {
        let wanted = Array(key.utf8)
        return parameters.filter { $0.key == wanted }.map(\.valueText)
    }

    /// The first value of `key`, or nil when it is absent.
    func first(_ key: String) -> String? {
        values(for: key).first
    }

    /// True when any parameter is named `key`.
    func contains(_ key: String) -> Bool {
        let wanted = Array(key.utf8)
        return parameters.contains { $0.key == wanted }
    }
}
