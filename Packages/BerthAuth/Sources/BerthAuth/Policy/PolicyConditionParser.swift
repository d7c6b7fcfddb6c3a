/// Validates a statement's `Condition`: an object of operators, each an object of condition keys to a value or a
/// non-empty array of values (strings, numbers or booleans).
enum PolicyConditionParser {
    private typealias Parser = PolicyDocumentParser

    static func conditions(_ value: PolicyJSON?, context: String) throws(PolicyDocumentError) -> [PolicyCondition] {
        guard let value else { return [] }
        let example = "e.g. {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}"
        guard case .object(let operators) = value else {
            throw Parser.fail("\(context): Condition must be an object of objects, \(example), not \(value.kind).")
        }
        var result = [PolicyCondition]()
        for (name, tests) in operators {
            guard isOperatorName(name) else { throw Parser.fail("\(context): Condition operator '\(name)' is not a valid operator name.") }
            guard case .object(let keys) = tests, !keys.isEmpty else {
                throw Parser.fail("\(context): Condition.\(name) must be a non-empty object of condition keys, \(example).")
            }
            for (key, entry) in keys {
                guard !key.isEmpty, !key.contains(where: \.isWhitespace) else {
                    throw Parser.fail("\(context): Condition.\(name) has an invalid condition key '\(key)'.")
                }
                result.append(PolicyCondition(operatorName: name, key: key, values: try values(entry, "\(context): Condition.\(name).\(key)")))
            }
        }
        return result
    }

    private static func values(_ value: PolicyJSON, _ what: String) throws(PolicyDocumentError) -> [String] {
        if case .array(let elements) = value {
            guard !elements.isEmpty else { throw Parser.fail("\(what) must not be an empty array.") }
            var texts = [String]()
            for element in elements { texts.append(try scalar(element, what)) }
            return texts
        }
        return [try scalar(value, what)]
    }

    private static func scalar(_ value: PolicyJSON, _ what: String) throws(PolicyDocumentError) -> String {
        switch value {
        case .string(let text): return text
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default: throw Parser.fail("\(what) must be a string, number or boolean (or an array of them), not \(value.kind).")
        }
    }

    /// `StringEquals`, `ArnLikeIfExists`, `ForAnyValue:StringLike`, `Null`…: letters, with one optional `Qualifier:`.
    private static func isOperatorName(_ name: String) -> Bool {
        let parts = name.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIILetter) }
    }
}
