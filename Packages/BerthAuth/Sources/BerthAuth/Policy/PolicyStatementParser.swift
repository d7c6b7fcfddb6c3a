/// Validates one statement of a policy document.
enum PolicyStatementParser {
    private typealias Parser = PolicyDocumentParser
    private static let statementKeys = [
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    ]
    private static let principalKeys = ["AWS", "Service", "Federated"]

    static func statement(from json: PolicyJSON, context: String) throws(PolicyDocumentError) -> PolicyStatement {
        guard case .object(let members) = json else { throw Parser.fail("\(context) must be an object, not \(json.kind).") }
        try Parser.rejectUnknownKeys(members, allowed: statementKeys, context: context)
        return PolicyStatement(
            sid: try sid(members, context),
            effect: try effect(members, context),
            principal: try principal(members, context),
            action: try action(members, context),
            resource: try resource(members, context),
            conditions: try PolicyConditionParser.conditions(Parser.member(members, "Condition"), context: context))
    }

    private static func sid(_ members: [(key: String, value: PolicyJSON)], _ context: String) throws(PolicyDocumentError) -> String? {
        guard let value = Parser.member(members, "Sid") else { return nil }
        guard case .string(let text) = value else { throw Parser.fail("\(context): Sid must be a string, not \(value.kind).") }
        // IAM wants [A-Za-z0-9]; ECR's console wrote "new statement", so spaces are accepted too.
        guard text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == " ") }) else {
            throw Parser.fail("\(context): Sid '\(text)' may contain only letters, digits and spaces.")
        }
        return text
    }

    private static func effect(_ members: [(key: String, value: PolicyJSON)], _ context: String) throws(PolicyDocumentError) -> PolicyEffect {
        guard let value = Parser.member(members, "Effect") else {
            throw Parser.fail("\(context): Effect is required (\"Allow\" or \"Deny\").")
        }
        guard case .string(let text) = value, let effect = PolicyEffect(rawValue: text) else {
            throw Parser.fail("\(context): Effect must be \"Allow\" or \"Deny\", not \(Parser.describe(value)).")
        }
        return effect
    }

    private static func principal(
        _ members: [(key: String, value: PolicyJSON)], _ context: String
    ) throws(PolicyDocumentError) -> PolicyPrincipalElement {
        switch (Parser.member(members, "Principal"), Parser.member(members, "NotPrincipal")) {
        case (.some, .some): throw Parser.fail("\(context): use Principal or NotPrincipal, not both.")
        case (.some(let value), nil): return .principal(try principals(value, "\(context): Principal"))
        case (nil, .some(let value)): return .notPrincipal(try principals(value, "\(context): NotPrincipal"))
        case (nil, nil): throw Parser.fail("\(context): a repository policy statement needs a Principal (or NotPrincipal).")
        }
    }

    private static func principals(_ value: PolicyJSON, _ what: String) throws(PolicyDocumentError) -> PolicyPrincipals {
        if case .string("*") = value { return .everyone }
        guard case .object(let members) = value, !members.isEmpty else {
            throw Parser.fail("\(what) must be \"*\" or an object with AWS, Service or Federated keys, not \(Parser.describe(value)).")
        }
        var result = PolicyPrincipals()
        for (key, entry) in members {
            guard principalKeys.contains(key) else {
                throw Parser.fail("\(what): unsupported principal type '\(key)'; use AWS, Service or Federated.")
            }
            let values = try Parser.strings(entry, "\(what).\(key)")
            for text in values {
                try validatePrincipal(text, type: key, what: what)
            }
            switch key {
            case "AWS": result.aws = values
            case "Service": result.service = values
            default: result.federated = values
            }
        }
        if result.aws == ["*"] && result.service.isEmpty && result.federated.isEmpty { result.isEveryone = true }
        return result
    }

    private static func validatePrincipal(_ text: String, type: String, what: String) throws(PolicyDocumentError) {
        let isAccountID = text.count == 12 && text.allSatisfy(\.isASCIIDigit)
        let valid = type == "AWS" ? text == "*" || isAccountID || isARN(text) : !text.isEmpty && !text.contains(where: \.isWhitespace)
        guard valid else {
            let expected = type == "AWS" ? "\"*\", a 12-digit account ID or an ARN" : "a non-empty name without spaces"
            throw Parser.fail("\(what).\(type): invalid principal '\(text)'; expected \(expected).")
        }
    }

    private static func action(
        _ members: [(key: String, value: PolicyJSON)], _ context: String
    ) throws(PolicyDocumentError) -> PolicyActionElement {
        switch (Parser.member(members, "Action"), Parser.member(members, "NotAction")) {
        case (.some, .some): throw Parser.fail("\(context): use Action or NotAction, not both.")
        case (.some(let value), nil): return .action(try actions(value, "\(context): Action"))
        case (nil, .some(let value)): return .notAction(try actions(value, "\(context): NotAction"))
        case (nil, nil): throw Parser.fail("\(context): Action (or NotAction) is required.")
        }
    }

    private static func actions(_ value: PolicyJSON, _ what: String) throws(PolicyDocumentError) -> [String] {
        let values = try Parser.strings(value, what)
        for text in values where !isAction(text) {
            throw Parser.fail(
                "\(what): invalid action '\(text)'; expected \"*\" or service:action, e.g. \"ecr:BatchGetImage\" or \"ecr:*\" "
                    + "(service: letters, digits, hyphens; action: letters, digits, * and ?).")
        }
        return values
    }

    private static func resource(
        _ members: [(key: String, value: PolicyJSON)], _ context: String
    ) throws(PolicyDocumentError) -> PolicyResourceElement? {
        switch (Parser.member(members, "Resource"), Parser.member(members, "NotResource")) {
        case (.some, .some): throw Parser.fail("\(context): use Resource or NotResource, not both.")
        case (.some(let value), nil): return .resource(try resources(value, "\(context): Resource"))
        case (nil, .some(let value)): return .notResource(try resources(value, "\(context): NotResource"))
        case (nil, nil): return nil
        }
    }

    private static func resources(_ value: PolicyJSON, _ what: String) throws(PolicyDocumentError) -> [String] {
        let values = try Parser.strings(value, what)
        for text in values where text != "*" && !isARN(text) {
            throw Parser.fail(
                "\(what): invalid resource '\(text)'; expected \"*\" or an ARN such as arn:aws:ecr:us-east-1:123456789012:repository/name.")
        }
        return values
    }

    /// `*`, or `service:action` with a service of letters, digits and hyphens and an action of letters, digits, `*`, `?`.
    static func isAction(_ text: String) -> Bool {
        if text == "*" { return true }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return parts[0].allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "-" }
            && parts[1].allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "*" || $0 == "?" }
    }

    /// `arn:partition:service:region:account:resource` (six colon-separated parts, the resource may hold more).
    static func isARN(_ text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0] == "arn" && !parts[1].isEmpty && !parts[2].isEmpty && !parts[5].isEmpty
            && !text.contains(where: \.isWhitespace)
    }
}

extension Character {
    /// True for `0` to `9`.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    /// True for `a` to `z` and `A` to `Z`.
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
