public import BerthModel

/// A `repository:tag` or `repository@sha256:...` reference, as `berth push` and `berth pull` take them.
public struct ImageReference: Sendable, Equatable, CustomStringConvertible {
    /// The repository name.
    public var repository: String
    /// The tag, when the reference names one.
    public var tag: String?
    /// The digest, when the reference names one.
    public var digest: Digest?

    /// Parses `repo`, `repo:tag`, `repo@digest` or `repo:tag@digest`; a bare repository means `latest`.
    /// - Throws: `TransferError.invalidSource` naming what is wrong.
    public init(parsing text: String) throws(TransferError) {
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            let digestText = String(rest[rest.index(after: at)...])
            guard let digest = Digest(parsing: digestText) else { throw .invalidSource("invalid digest in \(text)") }
            self.digest = digest
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/") ?? rest.startIndex
        if let colon = rest[lastSlash...].lastIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        } else if digest == nil {
            tag = "latest"
        }
        repository = String(rest)
        guard RepositoryName.isValid(repository) else { throw .invalidSource("invalid repository name \(repository)") }
        if let tag, !ImageTag.isValidOCI(tag) { throw .invalidSource("invalid tag \(tag)") }
    }

    /// What goes into `/v2/<name>/manifests/<reference>`: the digest when there is one, else the tag.
    public var manifestReference: String {
        digest?.description ?? tag ?? "latest"
    }

    /// `repo:tag`, `repo@digest` or `repo:tag@digest`.
    public var description: String {
        var text = repository
        if let tag { text += ":\(tag)" }
        if let digest { text += "@\(digest)" }
        return text
    }
}
