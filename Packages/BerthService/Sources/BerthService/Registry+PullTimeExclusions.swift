/// Principals whose pulls do not update an image's `lastRecordedPullTime` (a scanner, a CI cache warmer), so
/// lifecycle rules on `sinceImagePulled` see only real use.
public struct PullTimeExclusion: Codable, Sendable, Equatable {
    public var principalArn: String
    public var createdAt: Double
}

extension Registry {
    /// The most exclusions one registry may hold.
    public static let maximumPullTimeExclusions = 100

    /// Adds a principal to the exclusion list. - Throws: `.exclusionAlreadyExists`, `.limitExceeded`.
    public func registerPullTimeExclusion(_ principal: String) throws -> PullTimeExclusion {
        if try allRegistryDocuments(DocumentKind.pullTimeUpdateExclusion, as: PullTimeExclusion.self).count >= Self.maximumPullTimeExclusions {
            throw RegistryError.limitExceeded("A registry can have at most \(Self.maximumPullTimeExclusions) pull time update exclusions")
        }
        let exclusion = PullTimeExclusion(principalArn: principal, createdAt: clock())
        guard try insertRegistryDocument(DocumentKind.pullTimeUpdateExclusion, key: principal, exclusion) else {
            throw RegistryError.exclusionAlreadyExists(principal)
        }
        return exclusion
    }

    /// Removes a principal from the exclusion list. - Throws: `.exclusionNotFound`.
    public func deregisterPullTimeExclusion(_ principal: String) throws {
        guard try deleteRegistryDocument(DocumentKind.pullTimeUpdateExclusion, key: principal, as: PullTimeExclusion.self) != nil else {
            throw RegistryError.exclusionNotFound(principal)
        }
    }

    /// Every exclusion, by principal.
    public func pullTimeExclusions() throws -> [PullTimeExclusion] {
        try allRegistryDocuments(DocumentKind.pullTimeUpdateExclusion, as: PullTimeExclusion.self).map(\.value)
    }

    /// Whether pulls by `principal` leave `lastRecordedPullTime` alone.
    func isExcludedFromPullTime(_ principal: String) throws -> Bool {
        try registryDocument(DocumentKind.pullTimeUpdateExclusion, key: principal, as: PullTimeExclusion.self) != nil
    }
}
