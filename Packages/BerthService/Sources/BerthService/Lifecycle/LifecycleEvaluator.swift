public import BerthModel

/// An image as lifecycle rules see it.
public struct LifecycleImage: Sendable, Equatable {
    public var digest: String
    public var tags: [String]
    /// Push time, epoch seconds.
    public var pushedAt: Double
    /// Last recorded pull, epoch seconds, or nil when never pulled.
    public var lastPulledAt: Double?
    public var status: ImageStatus
    /// When the image was last archived, epoch seconds.
    public var lastArchivedAt: Double?

    /// An image.
    public init(
        digest: String, tags: [String], pushedAt: Double, lastPulledAt: Double? = nil, status: ImageStatus = .active, lastArchivedAt: Double? = nil
    ) {
        self.digest = digest
        self.tags = tags
        self.pushedAt = pushedAt
        self.lastPulledAt = lastPulledAt
        self.status = status
        self.lastArchivedAt = lastArchivedAt
    }

    /// The lifecycle view of a stored image.
    public init(_ record: ImageRecord) {
        self.init(
            digest: record.digest, tags: record.tags, pushedAt: record.pushedAt, lastPulledAt: record.lastPulledAt, status: record.status,
            lastArchivedAt: record.lastArchivedAt)
    }
}

/// What a policy does to one image: which rule, which action, from which storage class.
public struct LifecycleDecision: Sendable, Equatable {
    public var image: LifecycleImage
    /// The priority of the rule that acts on the image.
    public var rulePriority: Int
    public var action: LifecycleAction
    /// The storage class the image is in now.
    public var storageClass: LifecycleSelection.StorageClass
}

/// Applies a lifecycle policy to a repository's images, deterministically, as ECR describes it: every rule
/// identifies the images it would act on (counting images other rules act on too), then rules apply by ascending
/// priority; an image is acted on by at most one rule, and never by a rule of lower precedence than a rule whose
/// tag selection matches it. The preview shows exactly this, and the worker executes exactly this.
public enum LifecycleEvaluator {
    /// Seconds in a day (`countUnit: days`).
    static let day: Double = 86_400

    /// The decisions of `policy` over `images` at time `now`, oldest push first (ties by digest).
    public static func evaluate(_ policy: LifecyclePolicy, images: [LifecycleImage], now: Double) -> [LifecycleDecision] {
        var decided: [String: LifecycleDecision] = [:]
        for (index, rule) in policy.rules.enumerated() {
            let stronger = policy.rules[..<index]
            for image in picked(by: rule, from: images, now: now) where decided[image.digest] == nil {
                if stronger.contains(where: { $0.selection.matchesTags(of: image) }) { continue }
                decided[image.digest] = LifecycleDecision(
                    image: image, rulePriority: rule.priority, action: rule.action, storageClass: rule.selection.storageClass)
            }
        }
        return decided.values.sorted { ($0.image.pushedAt, $0.image.digest) < ($1.image.pushedAt, $1.image.digest) }
    }

    /// The images `rule` identifies: those its selection matches, then those its count picks.
    static func picked(by rule: LifecycleRule, from images: [LifecycleImage], now: Double) -> [LifecycleImage] {
        let selection = rule.selection
        let candidates = images.filter { selection.matches($0) }
        let limit = Double(selection.countNumber) * day
        switch selection.countType {
        case .imageCountMoreThan:
            let newestFirst = candidates.sorted { ($0.pushedAt, $0.digest) > ($1.pushedAt, $1.digest) }
            return Array(newestFirst.dropFirst(selection.countNumber))
        case .sinceImagePushed:
            return candidates.filter { now - $0.pushedAt > limit }
        case .sinceImagePulled:
            return candidates.filter { now - ($0.lastPulledAt ?? $0.pushedAt) > limit }
        case .sinceImageTransitioned:
            return candidates.filter { now - ($0.lastArchivedAt ?? $0.pushedAt) > limit }
        }
    }
}

extension LifecycleSelection {
    /// True when the rule considers `image`: its storage class and its tags.
    func matches(_ image: LifecycleImage) -> Bool {
        switch (storageClass, image.status) {
        case (.standard, .active), (.archive, .archived): matchesTags(of: image)
        default: false
        }
    }

    /// True when the image's tags satisfy the rule's tag selection: every pattern (or prefix) matched by some tag.
    func matchesTags(of image: LifecycleImage) -> Bool {
        switch tagStatus {
        case .any: return true
        case .untagged: return image.tags.isEmpty
        case .tagged:
            guard !image.tags.isEmpty else { return false }
            if !tagPrefixList.isEmpty { return tagPrefixList.allSatisfy { prefix in image.tags.contains { $0.hasPrefix(prefix) } } }
            return tagPatternList.allSatisfy { pattern in image.tags.contains { WildcardPattern.matches(pattern, $0) } }
        }
    }
}
