import BerthModel
import BerthService
import Testing

/// The evaluator over chosen push times and tags. Times are in days before `now`.
@Suite struct LifecycleEvaluatorTests {
    static let now: Double = 1_800_000_000
    static let day: Double = 86_400

    static func image(_ name: String, _ tags: [String], pushedDaysAgo: Double, pulledDaysAgo: Double? = nil, archivedDaysAgo: Double? = nil)
        -> LifecycleImage
    {
        LifecycleImage(
            digest: "sha256:\(name)", tags: tags, pushedAt: now - pushedDaysAgo * day, lastPulledAt: pulledDaysAgo.map { now - $0 * day },
            status: archivedDaysAgo == nil ? .active : .archived, lastArchivedAt: archivedDaysAgo.map { now - $0 * day })
    }

    static func evaluate(_ text: String, _ images: [LifecycleImage]) throws -> [String: Int] {
        let policy = try LifecyclePolicy(parsing: text)
        var result: [String: Int] = [:]
        for decision in LifecycleEvaluator.evaluate(policy, images: images, now: now) {
            result[String(decision.image.digest.dropFirst(7))] = decision.rulePriority
        }
        return result
    }

    static func rule(_ priority: Int, _ selection: String, action: String = LifecyclePolicyTests.expire) -> String {
        LifecyclePolicyTests.rule(priority, selection, action: action)
    }

    static func policy(_ rules: String...) -> String {
        #"{"rules":["# + rules.map { "{\($0)}" }.joined(separator: ",") + "]}"
    }

    @Test func imageCountMoreThanKeepsTheNewest() throws {
        let images = (1...5).map { Self.image("i\($0)", ["v\($0)"], pushedDaysAgo: Double(10 - $0)) }
        let text = Self.policy(Self.rule(1, #""tagStatus":"any","countType":"imageCountMoreThan","countNumber":2"#))
        #expect(try Self.evaluate(text, images) == ["i1": 1, "i2": 1, "i3": 1])
    }

    @Test func sinceImagePushedCountsDays() throws {
        let images = [Self.image("old", [], pushedDaysAgo: 15), Self.image("edge", [], pushedDaysAgo: 14), Self.image("new", [], pushedDaysAgo: 1)]
        let text = Self.policy(Self.rule(1, #""tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14"#))
        #expect(try Self.evaluate(text, images) == ["old": 1])
    }

    @Test func untaggedRulesSeeOnlyUntaggedImages() throws {
        let images = [Self.image("tagged", ["v1"], pushedDaysAgo: 30), Self.image("loose", [], pushedDaysAgo: 30)]
        let text = Self.policy(Self.rule(1, #""tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1"#))
        #expect(try Self.evaluate(text, images) == [:])
        let none = Self.policy(Self.rule(1, #""tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":1"#))
        #expect(try Self.evaluate(none, images) == ["loose": 1])
    }

    /// AWS's worked example: rule 1 keeps one `prod` image, rule 2 one `beta` image; B matches rule 1's tags, so rule
    /// 2 cannot expire it, and A is expired by rule 1 alone.
    @Test func aLowerRuleCannotTakeAnImageAHigherRuleSelects() throws {
        let images = [
            Self.image("A", ["beta-1", "prod-1"], pushedDaysAgo: 10), Self.image("B", ["beta-2", "prod-2"], pushedDaysAgo: 9),
            Self.image("C", ["beta-3"], pushedDaysAgo: 8),
        ]
        let text = Self.policy(
            Self.rule(1, #""tagStatus":"tagged","tagPrefixList":["prod"],"countType":"imageCountMoreThan","countNumber":1"#),
            Self.rule(2, #""tagStatus":"tagged","tagPrefixList":["beta"],"countType":"imageCountMoreThan","countNumber":1"#))
        #expect(try Self.evaluate(text, images) == ["A": 1])
    }

    @Test func oneRulePerImageAndTheHighestPriorityWins() throws {
        let images = [Self.image("x", ["prod-1"], pushedDaysAgo: 100)]
        let text = Self.policy(
            Self.rule(1, #""tagStatus":"tagged","tagPrefixList":["prod"],"countType":"sinceImagePushed","countUnit":"days","countNumber":10"#),
            Self.rule(2, #""tagStatus":"any","countType":"sinceImagePushed","countUnit":"days","countNumber":10"#))
        #expect(try Self.evaluate(text, images) == ["x": 1])
    }

    @Test func taggedImagesProtectedByAHigherRuleSurviveTheAnyRule() throws {
        let images = [
            Self.image("keep", ["release-1"], pushedDaysAgo: 50), Self.image("dev", ["dev-1"], pushedDaysAgo: 50),
            Self.image("loose", [], pushedDaysAgo: 50),
        ]
        let text = Self.policy(
            Self.rule(1, #""tagStatus":"tagged","tagPatternList":["release-*"],"countType":"imageCountMoreThan","countNumber":10"#),
            Self.rule(2, #""tagStatus":"any","countType":"sinceImagePushed","countUnit":"days","countNumber":30"#))
        #expect(try Self.evaluate(text, images) == ["dev": 2, "loose": 2])
    }

    @Test func patternsAndPrefixesMustAllMatch() throws {
        let images = [
            Self.image("both", ["prod-web", "x"], pushedDaysAgo: 40), Self.image("split", ["prod-api", "web-2"], pushedDaysAgo: 40),
            Self.image("one", ["prod-api"], pushedDaysAgo: 40),
        ]
        let patterns = Self.policy(
            Self.rule(
                1, #""tagStatus":"tagged","tagPatternList":["prod-*","*web*"],"countType":"sinceImagePushed","countUnit":"days","countNumber":1"#))
        #expect(try Self.evaluate(patterns, images) == ["both": 1, "split": 1])
        let prefixes = Self.policy(
            Self.rule(1, #""tagStatus":"tagged","tagPrefixList":["prod","web"],"countType":"sinceImagePushed","countUnit":"days","countNumber":1"#))
        #expect(try Self.evaluate(prefixes, images) == ["split": 1])
        let exact = Self.policy(
            Self.rule(1, #""tagStatus":"tagged","tagPatternList":["prod-api"],"countType":"sinceImagePushed","countUnit":"days","countNumber":1"#))
        #expect(try Self.evaluate(exact, images) == ["split": 1, "one": 1])
    }

    @Test func sinceImagePulledFallsBackToThePushTime() throws {
        let images = [
            Self.image("pulled-lately", ["a"], pushedDaysAgo: 100, pulledDaysAgo: 2),
            Self.image("pulled-long-ago", ["b"], pushedDaysAgo: 100, pulledDaysAgo: 60),
            Self.image("never-pulled", ["c"], pushedDaysAgo: 100), Self.image("new", ["d"], pushedDaysAgo: 5),
        ]
        let text = Self.policy(
            Self.rule(
                1, #""tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":30"#,
                action: #""action":{"type":"transition","targetStorageClass":"archive"}"#))
        let policy = try LifecyclePolicy(parsing: text)
        let decisions = LifecycleEvaluator.evaluate(policy, images: images, now: Self.now)
        #expect(Set(decisions.map(\.image.digest)) == ["sha256:pulled-long-ago", "sha256:never-pulled"])
        #expect(decisions.allSatisfy { $0.action == .transition && $0.storageClass == .standard })
    }

    @Test func archiveRulesSeeArchivedImagesOnly() throws {
        let images = [
            Self.image("archived-long", ["a"], pushedDaysAgo: 400, archivedDaysAgo: 200),
            Self.image("archived-lately", ["b"], pushedDaysAgo: 400, archivedDaysAgo: 10),
            Self.image("active", ["c"], pushedDaysAgo: 400),
        ]
        let text = Self.policy(
            Self.rule(1, #""tagStatus":"any","storageClass":"archive","countType":"sinceImageTransitioned","countUnit":"days","countNumber":90"#))
        #expect(try Self.evaluate(text, images) == ["archived-long": 1])
        let standard = Self.policy(Self.rule(1, #""tagStatus":"any","countType":"sinceImagePushed","countUnit":"days","countNumber":1"#))
        #expect(try Self.evaluate(standard, images) == ["active": 1])
    }

    @Test func resultsAreDeterministicOldestFirst() throws {
        let images = [
            Self.image("b", [], pushedDaysAgo: 20), Self.image("a", [], pushedDaysAgo: 20), Self.image("c", [], pushedDaysAgo: 30),
        ]
        let text = Self.policy(Self.rule(1, #""tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":1"#))
        let policy = try LifecyclePolicy(parsing: text)
        let first = LifecycleEvaluator.evaluate(policy, images: images, now: Self.now).map(\.image.digest)
        #expect(first == ["sha256:c", "sha256:a", "sha256:b"])
        #expect(LifecycleEvaluator.evaluate(policy, images: images.reversed(), now: Self.now).map(\.image.digest) == first)
    }

    @Test func countTiesAreBrokenByDigest() throws {
        let images = [Self.image("x", [], pushedDaysAgo: 5), Self.image("y", [], pushedDaysAgo: 5)]
        let text = Self.policy(Self.rule(1, #""tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1"#))
        #expect(try Self.evaluate(text, images) == ["x": 1])
    }
}
