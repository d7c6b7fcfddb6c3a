import Foundation

/// SQL text as the driver reshapes it, leaving quoted strings and identifiers alone.
enum SQLText {
    /// The statements of a `;`-separated script, each trimmed, empty ones dropped (postgres-nio sends each with the
    /// extended protocol, which takes one statement at a time).
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var quote: Character?
        for character in script {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == ";" {
                statements.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        statements.append(current)
        return statements.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Rewrites the host's `?` and `?N` parameters to PostgreSQL's `$N`.
    static func rewrite(_ sql: String) -> String {
        var output = ""
        output.reserveCapacity(sql.utf8.count + 16)
        var next = 0
        var quote: Character?
        var characters = sql.makeIterator()
        var pending = characters.next()
        while let character = pending {
            pending = characters.next()
            if let open = quote {
                output.append(character)
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                output.append(character)
            case "?":
                var digits = ""
                while let digit = pending, digit.isASCII, digit.isNumber {
                    digits.append(digit)
                    pending = characters.next()
                }
                if digits.isEmpty {
                    next += 1
                    digits = String(next)
                }
                output += "$" + digits
            default:
                output.append(character)
            }
        }
        return output
    }
}
