import Foundation

extension LifecyclePolicy {
    /// The longest policy text ECR accepts.
    public static let maximumLength = 30_720
    /// The most `*` wildcards one tag pattern may hold.
    public static let maximumWildcards = 4

    /// Parses and validates a policy text as ECR does: the JSON shape (no unknown members), each rule's selection
    /// and action, then the rules together (unique priorities, `any` last, one untagged rule at most).
    /// - Throws: `LifecyclePolicyError` naming the first problem.
    public init(parsing text: String) throws(LifecyclePolicyError) {
        guard text.count <= Self.maximumLength else {
            throw LifecyclePolicyError("the policy is longer than \(Self.maximumLength) characters")
        }
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw LifecyclePolicyError("the policy is not valid JSON")
        }
        let object = try LifecycleJSON(document, at: "policy")
        try object.allowOnly(["rules"])
        let entries = try object.array("rules")
        guard !entries.isEmpty else { throw LifecyclePolicyError("rules must contain at least one rule") }
        var rules: [LifecycleRule] = []
        for (index, entry) in entries.enumerated() {
            rules.append(try LifecycleRule(parsing: try LifecycleJSON(entry, at: "rules[\(index)]")))
        }
        self.rules = rules.sorted { $0.priority < $1.priority }
        try checkRulesTogether()
    }

    private func checkRulesTogether() throws(LifecyclePolicyError) {
        var seen = Set<Int>()
        for rule in rules where !seen.insert(rule.priority).inserted {
            throw LifecyclePolicyError("rulePriority \(rule.priority) is used by more than one rule; rule priorities must be unique")
        }
        if let any = rules.firstIndex(where: { $0.selection.tagStatus == .any }), any != rules.count - 1 {
            throw LifecyclePolicyError("a rule with tagStatus 'any' must have the highest rulePriority")
        }
        if rules.filter({ $0.selection.tagStatus == .untagged }).count > 1 {
            throw LifecyclePolicyError("only one rule may select untagged images")
        }
    }
}

extension LifecycleRule {
    init(parsing object: LifecycleJSON) throws(LifecyclePolicyError) {
        try object.allowOnly(["rulePriority", "description", "selection", "action"])
        priority = try object.integer("rulePriority")
        guard priority >= 1 else { throw LifecyclePolicyError("\(object.path).rulePriority must be at least 1") }
        description = try object.optionalString("description")
        selection = try LifecycleSelection(parsing: try object.object("selection"))
        let action = try object.object("action")
        try action.allowOnly(["type", "targetStorageClass"])
        guard let type = LifecycleAction(rawValue: try action.string("type")) else {
            throw LifecyclePolicyError("\(action.path).type must be one of expire, transition")
        }
        self.action = type
        let target = try action.optionalString("targetStorageClass")
        switch type {
        case .expire:
            if target != nil { throw LifecyclePolicyError("\(action.path).targetStorageClass is only allowed with type transition") }
        case .transition:
            guard target == "archive" else { throw LifecyclePolicyError("\(action.path).targetStorageClass must be archive for type transition") }
            guard selection.storageClass == .standard else {
                throw LifecyclePolicyError("\(object.path): only images in standard storage can transition to archive")
            }
        }
    }
}
