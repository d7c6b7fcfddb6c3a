import BerthService
import Testing

/// ECR's lifecycle policy validation, rule by rule.
@Suite struct LifecyclePolicyTests {
    /// A policy text from rule bodies (each a JSON object without braces).
    static func policy(_ rules: String...) -> String {
        #"{"rules":["# + rules.map { "{\($0)}" }.joined(separator: ",") + "]}"
    }

    static let expire = #""action":{"type":"expire"}"#

    static func rule(_ priority: Int, _ selection: String, action: String = expire) -> String {
        #""rulePriority":\#(priority),"selection":{\#(selection)},\#(action)"#
    }

    @Test func aTypicalPolicyParsesSortedByPriority() throws {
        let text = Self.policy(
            Self.rule(2, #""tagStatus":"any","countType":"imageCountMoreThan","countNumber":30"#),
            Self.rule(1, #""tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14"#)
                + #","description":"old untagged""#)
        let policy = try LifecyclePolicy(parsing: text)
        #expect(policy.rules.map(\.priority) == [1, 2])
        #expect(policy.rules[0].description == "old untagged")
        #expect(policy.rules[0].selection.countType == .sinceImagePushed)
        #expect(policy.rules[1].selection.tagStatus == .any)
    }

    @Test func transitionAndArchiveRulesParse() throws {
        let policy = try LifecyclePolicy(
            parsing: Self.policy(
                Self.rule(
                    1, #""tagStatus":"tagged","tagPatternList":["rel-*"],"countType":"sinceImagePulled","countUnit":"days","countNumber":30"#,
                    action: #""action":{"type":"transition","targetStorageClass":"archive"}"#),
                Self.rule(2, #""tagStatus":"any","storageClass":"archive","countType":"sinceImageTransitioned","countUnit":"days","countNumber":90"#)
            ))
        #expect(policy.rules[0].action == .transition)
        #expect(policy.rules[1].selection.storageClass == .archive)
    }

    @Test(arguments: [
        ("not json", "not valid JSON"),
        (#"{"rules":[]}"#, "at least one rule"),
        (#"{"rules":[],"extra":1}"#, "unknown member 'extra'"),
        (#"{"rule":[]}"#, "unknown member 'rule'"),
        (policy(rule(1, #""tagStatus":"tagged","countType":"imageCountMoreThan","countNumber":1"#)), "requires a non-empty tagPatternList"),
        (policy(rule(1, #""tagStatus":"tagged","tagPatternList":[],"countType":"imageCountMoreThan","countNumber":1"#)), "requires a non-empty"),
        (
            policy(rule(1, #""tagStatus":"tagged","tagPatternList":["a"],"tagPrefixList":["b"],"countType":"imageCountMoreThan","countNumber":1"#)),
            "not both"
        ),
        (
            policy(rule(1, #""tagStatus":"untagged","tagPrefixList":["b"],"countType":"imageCountMoreThan","countNumber":1"#)),
            "only allowed with tagStatus tagged"
        ),
        (
            policy(rule(1, #""tagStatus":"any","tagPatternList":["b"],"countType":"imageCountMoreThan","countNumber":1"#)),
            "only allowed with tagStatus tagged"
        ),
        (
            policy(rule(1, #""tagStatus":"tagged","tagPatternList":["a*b*c*d*e*f"],"countType":"imageCountMoreThan","countNumber":1"#)),
            "more than 4 wildcards"
        ),
        (policy(rule(1, #""tagStatus":"some","countType":"imageCountMoreThan","countNumber":1"#)), "tagStatus must be one of"),
        (policy(rule(1, #""tagStatus":"any","countType":"imageCountMoreThan","countUnit":"days","countNumber":1"#)), "countUnit is not allowed"),
        (policy(rule(1, #""tagStatus":"any","countType":"sinceImagePushed","countNumber":1"#)), "countUnit must be days"),
        (policy(rule(1, #""tagStatus":"any","countType":"sinceImagePushed","countUnit":"weeks","countNumber":1"#)), "countUnit must be days"),
        (policy(rule(1, #""tagStatus":"any","countType":"imageCountMoreThan","countNumber":0"#)), "countNumber must be at least 1"),
        (policy(rule(1, #""tagStatus":"any","countType":"imageCountMoreThan","countNumber":1.5"#)), "countNumber must be an integer"),
        (policy(rule(1, #""tagStatus":"any","countType":"imageCountMoreThan""#)), "countNumber is required"),
        (policy(rule(1, #""tagStatus":"any","countType":"sometimes","countNumber":1"#)), "countType must be one of"),
        (policy(rule(0, #""tagStatus":"any","countType":"imageCountMoreThan","countNumber":1"#)), "rulePriority must be at least 1"),
        (
            policy(
                rule(1, #""tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1"#),
                rule(1, #""tagStatus":"tagged","tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":1"#)),
            "rule priorities must be unique"
        ),
        (
            policy(
                rule(1, #""tagStatus":"any","countType":"imageCountMoreThan","countNumber":1"#),
                rule(2, #""tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1"#)),
            "must have the highest rulePriority"
        ),
        (
            policy(
                rule(1, #""tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1"#),
                rule(2, #""tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":1"#)),
            "only one rule may select untagged"
        ),
        (
            policy(rule(1, #""tagStatus":"any","countType":"imageCountMoreThan","countNumber":1"#, action: #""action":{"type":"delete"}"#)),
            "type must be one of"
        ),
        (
            policy(rule(1, #""tagStatus":"any","countType":"imageCountMoreThan","countNumber":1"#, action: #""action":{"type":"transition"}"#)),
            "targetStorageClass must be archive"
        ),
        (
            policy(
                rule(
                    1, #""tagStatus":"any","countType":"imageCountMoreThan","countNumber":1"#,
                    action: #""action":{"type":"expire","targetStorageClass":"archive"}"#)),
            "only allowed with type transition"
        ),
        (
            policy(rule(1, #""tagStatus":"any","storageClass":"archive","countType":"sinceImagePushed","countUnit":"days","countNumber":1"#)),
            "requires countType sinceImageTransitioned"
        ),
        (
            policy(rule(1, #""tagStatus":"any","storageClass":"standard","countType":"sinceImageTransitioned","countUnit":"days","countNumber":1"#)),
            "requires storageClass archive"
        ),
        (
            policy(
                rule(
                    1, #""tagStatus":"any","countType":"sinceImageTransitioned","countUnit":"days","countNumber":1"#,
                    action: #""action":{"type":"transition","targetStorageClass":"archive"}"#)),
            "only images in standard storage"
        ),
        (policy(#""rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1}"#), "action is required"),
        (policy(rule(1, #""tagStatus":"any","countType":"imageCountMoreThan","countNumber":1,"colour":"red""#)), "unknown member 'colour'"),
    ])
    func invalidPoliciesAreRefusedWithTheReason(_ text: String, _ reason: String) {
        #expect {
            try LifecyclePolicy(parsing: text)
        } throws: { error in
            guard let error = error as? LifecyclePolicyError else { return false }
            return error.reason.contains(reason) && error.description.hasPrefix("Invalid parameter at 'LifecyclePolicyText'")
        }
    }
}
