/// The sections of an AWS shared configuration or credentials file (INI: `[section]`, `key = value`, `#`/`;`
/// comments), as botocore reads them. Indented lines continue the previous key's value (nested settings such as
/// `s3 =` blocks), which this reader keeps as text but never needs.
public struct INIFile: Sendable, Equatable {
    /// Every section's keys and values, by the section's name as written between the brackets (trimmed).
    public var sections: [String: [String: String]]

    /// Parses `text`; lines outside any section and lines without `=` are ignored, as botocore does.
    public init(parsing text: String) {
        var sections: [String: [String: String]] = [:]
        var current: String?
        var lastKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = String(line.dropFirst().dropLast()).trimmingWhitespace()
                current = name
                lastKey = nil
                if sections[name] == nil { sections[name] = [:] }
                continue
            }
            guard let section = current else { continue }
            if rawLine.first == " " || rawLine.first == "\t", let key = lastKey {
                sections[section, default: [:]][key, default: ""] += "\n" + line
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals]).trimmingWhitespace().lowercased()
            let value = String(line[line.index(after: equals)...]).trimmingWhitespace()
            sections[section, default: [:]][key] = value
            lastKey = key
        }
        self.sections = sections
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let characters = Array(self)
        var start = 0
        var end = characters.count
        while start < end, characters[start].isWhitespace { start += 1 }
        while end > start, characters[end - 1].isWhitespace { end -= 1 }
        return String(characters[start..<end])
    }
}
