/// A validated repository name: ECR's pattern and its 2–256 length, which also satisfies OCI's `<name>` grammar.
public struct RepositoryName: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The name as the client wrote it.
    public let value: String

    /// Validates `text` against `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*`, length 2–256.
    public init?(_ text: String) {
        guard RepositoryName.isValid(text) else { return nil }
        self.value = text
    }

    public var description: String { value }

    public static func < (lhs: RepositoryName, rhs: RepositoryName) -> Bool { lhs.value < rhs.value }

    /// True when `text` is a valid repository name.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes.count <= 256 else { return false }
        return bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).allSatisfy(isValidComponent)
    }

    /// One path component: alphanumeric runs joined by `.`, `_`, `__` or one or more `-`.
    private static func isValidComponent(_ component: ArraySlice<UInt8>) -> Bool {
        guard let first = component.first, let last = component.last, isAlnum(first), isAlnum(last) else { return false }
        var index = component.startIndex
        while index < component.endIndex {
            let byte = component[index]
            if isAlnum(byte) {
                index += 1
                continue
            }
            // A separator run: ".", "_", "__" or "-+", always followed by an alphanumeric.
            var end = index
            while end < component.endIndex, !isAlnum(component[end]) { end += 1 }
            let separator = component[index..<end]
            let ok: Bool
            switch separator.first {
            case UInt8(ascii: "."): ok = separator.count == 1
            case UInt8(ascii: "_"): ok = separator.count <= 2 && separator.allSatisfy { $0 == UInt8(ascii: "_") }
            case UInt8(ascii: "-"): ok = separator.allSatisfy { $0 == UInt8(ascii: "-") }
            default: ok = false
            }
            guard ok else { return false }
            index = end
        }
        return true
    }

    private static func isAlnum(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A)
    }
}
