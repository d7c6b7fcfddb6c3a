/// Turns parsed JSON into a `PolicyDocument`, enforcing IAM's rules with messages that say what is wrong.
enum PolicyDocumentParser {
    private static let documentKeys = ["Version", "Id", "Statement"]

    static func document(from json: PolicyJSON) throws(PolicyDocumentError) -> PolicyDocument {
        guard case .object(let members) = json else { throw fail("A policy document must be a JSON object, not \(json.kind).") }
        try rejectUnknownKeys(members, allowed: documentKeys, context: "the policy document")
        var version: String?
        if let value = member(members, "Version") {
            guard case .string(let text) = value, PolicyDocument.supportedVersions.contains(text) else {
                throw fail("Version must be \"2012-10-17\" or \"2008-10-17\", not \(describe(value)).")
            }
            version = text
        }
        var id: String?
        if let value = member(members, "Id") {
            guard case .string(let text) = value else { throw fail("Id must be a string, not \(value.kind).") }
            id = text
        }
        guard let statementValue = member(members, "Statement") else { throw fail("The policy document has no Statement.") }
        let statements: [(PolicyJSON, String)]
        switch statementValue {
        case .object: statements = [(statementValue, "Statement")]
        case .array(let elements) where !elements.isEmpty: statements = elements.enumerated().map { ($1, "Statement[\($0)]") }
        default: throw fail("Statement must be an object or a non-empty array of objects, not \(describeShape(statementValue)).")
        }
        var parsed = [PolicyStatement]()
        for (value, context) in statements {
            let statement = try PolicyStatementParser.statement(from: value, context: context)
            if let sid = statement.sid, parsed.contains(where: { $0.sid == sid }) {
                throw fail("\(context): Sid '\(sid)' is already used by another statement; statement IDs must be unique.")
            }
            parsed.append(statement)
        }
        return PolicyDocument(version: version, id: id, statements: parsed)
    }

    static func fail(_ message: String) -> PolicyDocumentError {
        PolicyDocumentError(message: message)
    }

    static func member(_ members: [(key: String, value: PolicyJSON)], _ key: String) -> PolicyJSON? {
        members.first { $0.key == key }?.value
    }

    static func rejectUnknownKeys(_ members: [(key: String, value: PolicyJSON)], allowed: [String], context: String) throws(PolicyDocumentError) {
        for (key, _) in members where !allowed.contains(key) {
            throw fail("Unknown field '\(key)' in \(context); allowed fields are \(allowed.joined(separator: ", ")).")
        }
    }

    /// A value quoted for a message: strings in quotes, other kinds by name.
    static func describe(_ value: PolicyJSON) -> String {
        if case .string(let text) = value { return "\"\(text)\"" }
        return value.kind
    }

    private static func describeShape(_ value: PolicyJSON) -> String {
        if case .array = value { return "an empty array" }
        return value.kind
    }

    /// A string or a non-empty array of strings, as a list.
    static func strings(_ value: PolicyJSON, _ what: String) throws(PolicyDocumentError) -> [String] {
        switch value {
        case .string(let text):
            return [text]
        case .array(let elements) where !elements.isEmpty:
            var texts = [String]()
            for element in elements {
                guard case .string(let text) = element else { throw fail("\(what) must contain only strings, not \(element.kind).") }
                texts.append(text)
            }
            return texts
        case .array:
            throw fail("\(what) must not be an empty array.")
        default:
            throw fail("\(what) must be a string or an array of strings, not \(value.kind).")
        }
    }
}
