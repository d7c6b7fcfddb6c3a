/// Where berth-server serves the signed layer downloads GetDownloadUrlForLayer hands out.
public enum LayerDownloadPath {
    /// The path prefix (`/berth/layers/`).
    public static let prefix = "/berth/layers/"

    /// `/berth/layers/<repository>/<digest>`.
    public static func make(repository: String, digest: String) -> String {
        "\(prefix)\(repository)/\(digest)"
    }

    /// Splits a download path back into repository and digest; nil when it is not one.
    public static func parse(_ path: String) -> (repository: String, digest: String)? {
        guard path.hasPrefix(prefix) else { return nil }
        let rest = path.dropFirst(prefix.count)
        guard let slash = rest.lastIndex(of: "/") else { return nil }
        let repository = String(rest[..<slash])
        let digest = String(rest[rest.index(after: slash)...])
        guard !repository.isEmpty, !digest.isEmpty else { return nil }
        return (repository, digest)
    }
}
