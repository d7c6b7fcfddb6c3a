/// Where berth-server serves the signed layer downloads GetDownloadUrlForLayer hands out.
public enum LayerDownloadPath {
    /// The path prefix (`/berth/layers/`).
    public static let prefix = "/berth/layers/"

    /// `/berth/layers/<region>/<repository>/<digest>`.
    public static func make(region: String, repository: String, digest: String) -> String {
        "\(prefix)\(region)/\(repository)/\(digest)"
    }

    /// Splits a download path back into region, repository and digest; nil when it is not one.
    public static func parse(_ path: String) -> (region: String, repository: String, digest: String)? {
        guard path.hasPrefix(prefix) else { return nil }
        let rest = path.dropFirst(prefix.count)
        guard let firstSlash = rest.firstIndex(of: "/"), let lastSlash = rest.lastIndex(of: "/"), firstSlash < lastSlash else { return nil }
        let region = String(rest[..<firstSlash])
        let repository = String(rest[rest.index(after: firstSlash)..<lastSlash])
        let digest = String(rest[rest.index(after: lastSlash)...])
        guard !region.isEmpty, !repository.isEmpty, !digest.isEmpty else { return nil }
        return (region, repository, digest)
    }
}
