/// An ECR lifecycle policy, parsed and validated (`LifecyclePolicy(parsing:)`): rules that expire images or move them
/// to archive storage, applied by `LifecycleEvaluator` in the preview and, later, by the worker.
public struct LifecyclePolicy: Sendable, Equatable {
    /// The rules, sorted by ascending `rulePriority` (the order they are applied in).
    public var rules: [LifecycleRule]
}

/// One rule of a lifecycle policy.
public struct LifecycleRule: Sendable, Equatable {
    /// The rule's unique priority; lower numbers are applied first and win.
    public var priority: Int
    /// The rule's description, if any.
    public var description: String?
    /// Which images the rule considers.
    public var selection: LifecycleSelection
    /// What the rule does to the images its count picks.
    public var action: LifecycleAction
}

/// The images a rule considers and how it counts them.
public struct LifecycleSelection: Sendable, Equatable {
    /// Which images by their tags.
    public enum TagStatus: String, Sendable { case tagged, untagged, any }

    /// How a rule picks images among those it selects.
    public enum CountType: String, Sendable {
        /// Keep the newest `countNumber` images (by push time); pick the rest.
        case imageCountMoreThan
        /// Pick images pushed more than `countNumber` days ago.
        case sinceImagePushed
        /// Pick images last pulled (or, never pulled, pushed) more than `countNumber` days ago.
        case sinceImagePulled
        /// Pick archived images archived more than `countNumber` days ago.
        case sinceImageTransitioned
    }

    /// The storage class of the images a rule considers.
    public enum StorageClass: String, Sendable { case standard, archive }

    public var tagStatus: TagStatus
    /// Wildcard patterns (`*`) an image's tags must match, all of them (tagged rules only).
    public var tagPatternList: [String]
    /// Prefixes an image's tags must start with, all of them (tagged rules only).
    public var tagPrefixList: [String]
    public var storageClass: StorageClass
    public var countType: CountType
    /// The count or the number of days.
    public var countNumber: Int
}

/// What a rule does.
public enum LifecycleAction: String, Sendable, Equatable {
    /// Delete the image.
    case expire
    /// Move the image to archive storage.
    case transition
}
