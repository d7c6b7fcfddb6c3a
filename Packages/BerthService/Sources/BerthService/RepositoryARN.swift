/// A repository ARN, `arn:<partition>:ecr:<region>:<account>:repository/<name>`, as TagResource and its siblings
/// name their resource.
public struct RepositoryARN: Sendable, Equatable {
    /// The region part.
    public var region: String
    /// The account (registry id) part.
    public var accountID: String
    /// The repository name.
    public var repositoryName: String

    /// Parses `text`; nil when it is not an ECR repository ARN.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "ecr", !parts[3].isEmpty,
            parts[4].count == 12, parts[4].allSatisfy(\.isNumber), parts[5].hasPrefix("repository/")
        else { return nil }
        let name = parts[5].dropFirst("repository/".count)
        guard !name.isEmpty else { return nil }
        region = String(parts[3])
        accountID = String(parts[4])
        repositoryName = String(name)
    }
}
