extension LifecycleSelection {
    init(parsing object: LifecycleJSON) throws(LifecyclePolicyError) {
        try object.allowOnly(["tagStatus", "tagPatternList", "tagPrefixList", "storageClass", "countType", "countUnit", "countNumber"])
        guard let status = TagStatus(rawValue: try object.string("tagStatus")) else {
            throw LifecyclePolicyError("\(object.path).tagStatus must be one of tagged, untagged, any")
        }
        tagStatus = status
        tagPatternList = try object.optionalStrings("tagPatternList") ?? []
        tagPrefixList = try object.optionalStrings("tagPrefixList") ?? []
        let hasPatterns = object.has("tagPatternList")
        let hasPrefixes = object.has("tagPrefixList")
        switch status {
        case .tagged:
            if hasPatterns, hasPrefixes {
                throw LifecyclePolicyError("\(object.path) may specify tagPatternList or tagPrefixList, not both")
            }
            guard !tagPatternList.isEmpty || !tagPrefixList.isEmpty else {
                throw LifecyclePolicyError("\(object.path): tagStatus tagged requires a non-empty tagPatternList or tagPrefixList")
            }
        case .untagged, .any:
            if hasPatterns || hasPrefixes {
                throw LifecyclePolicyError("\(object.path): tagPatternList and tagPrefixList are only allowed with tagStatus tagged")
            }
        }
        for pattern in tagPatternList + tagPrefixList where pattern.isEmpty {
            throw LifecyclePolicyError("\(object.path): tag patterns and prefixes must not be empty")
        }
        for pattern in tagPatternList where pattern.filter({ $0 == "*" }).count > LifecyclePolicy.maximumWildcards {
            throw LifecyclePolicyError("\(object.path): tag pattern '\(pattern)' has more than \(LifecyclePolicy.maximumWildcards) wildcards")
        }
        guard let count = CountType(rawValue: try object.string("countType")) else {
            throw LifecyclePolicyError(
                "\(object.path).countType must be one of imageCountMoreThan, sinceImagePushed, sinceImagePulled, sinceImageTransitioned")
        }
        countType = count
        let unit = try object.optionalString("countUnit")
        if count == .imageCountMoreThan, unit != nil {
            throw LifecyclePolicyError("\(object.path).countUnit is not allowed with countType imageCountMoreThan")
        }
        if count != .imageCountMoreThan, unit != "days" {
            throw LifecyclePolicyError("\(object.path).countUnit must be days with countType \(count.rawValue)")
        }
        countNumber = try object.integer("countNumber")
        guard countNumber >= 1 else { throw LifecyclePolicyError("\(object.path).countNumber must be at least 1") }
        let storage = try object.optionalString("storageClass") ?? (count == .sinceImageTransitioned ? "archive" : "standard")
        guard let storageClass = StorageClass(rawValue: storage) else {
            throw LifecyclePolicyError("\(object.path).storageClass must be one of standard, archive")
        }
        self.storageClass = storageClass
        if count == .sinceImageTransitioned, storageClass != .archive {
            throw LifecyclePolicyError("\(object.path): countType sinceImageTransitioned requires storageClass archive")
        }
        if count != .sinceImageTransitioned, storageClass != .standard {
            throw LifecyclePolicyError("\(object.path): storageClass archive requires countType sinceImageTransitioned")
        }
    }
}
