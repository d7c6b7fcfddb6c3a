public import BerthModel

/// ECR's resource tag rules: at most 50 per resource, keys 1–128 characters not starting with `aws:`, values at
/// most 256 characters.
public enum ResourceTagRules {
    /// The most tags one resource may carry.
    public static let maximumCount = 50

    /// Checks one tag key. - Throws: `.invalidTagParameter`.
    public static func checkKey(_ key: String) throws {
        guard (1...128).contains(key.count) else {
            throw RegistryError.invalidTagParameter("Tag keys must be 1 to 128 characters long; got '\(key.prefix(140))'")
        }
        guard !key.lowercased().hasPrefix("aws:") else {
            throw RegistryError.invalidTagParameter("Tag keys cannot start with 'aws:'; it is reserved for AWS use: '\(key)'")
        }
    }

    /// Checks a list of tags for one resource (count, keys, values, duplicate keys).
    /// - Throws: `.tooManyTags`, `.invalidTagParameter`.
    public static func check(_ tags: [ResourceTag]) throws {
        if tags.count > maximumCount { throw RegistryError.tooManyTags(tags.count) }
        var keys = Set<String>()
        for tag in tags {
            try checkKey(tag.key)
            guard tag.value.count <= 256 else {
                throw RegistryError.invalidTagParameter("Tag values can be at most 256 characters long (key '\(tag.key)')")
            }
            guard keys.insert(tag.key).inserted else { throw RegistryError.invalidTagParameter("Duplicate tag key '\(tag.key)'") }
        }
    }
}

extension Registry {
    /// Adds or replaces tags on a repository; other tags stay. - Throws: `.repositoryNotFound`, `.tooManyTags`,
    /// `.invalidTagParameter`.
    public func tagRepository(_ name: String, with tags: [ResourceTag]) throws {
        try ResourceTagRules.check(tags)
        try updateRepository(name) { record in
            var merged = record.resourceTags
            for tag in tags {
                if let index = merged.firstIndex(where: { $0.key == tag.key }) { merged[index] = tag } else { merged.append(tag) }
            }
            if merged.count > ResourceTagRules.maximumCount { throw RegistryError.tooManyTags(merged.count) }
            record.resourceTags = merged
        }
    }

    /// Removes the tags with `keys` from a repository (absent keys are ignored). - Throws: `.repositoryNotFound`,
    /// `.invalidTagParameter`.
    public func untagRepository(_ name: String, keys: [String]) throws {
        for key in keys { try ResourceTagRules.checkKey(key) }
        try updateRepository(name) { record in record.resourceTags.removeAll { keys.contains($0.key) } }
    }
}
