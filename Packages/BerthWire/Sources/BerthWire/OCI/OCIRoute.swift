public import BerthModel

/// One endpoint of the OCI Distribution API (plus Docker's `_catalog`), parsed from a `/v2` path.
///
/// Parse with `OCIRoute.parse(method:path:)`; the adapter then switches over the case.
public enum OCIRoute: Sendable, Hashable {
    /// `/v2/` or `/v2`: API version check and authentication challenge point (end-1).
    case base
    /// `/v2/_catalog`: Docker's repository listing.
    case catalog
    /// `/v2/<name>/tags/list` (end-8a/b).
    case tagsList(name: RepositoryName)
    /// `/v2/<name>/manifests/<reference>` (end-3, end-7, end-9).
    case manifest(name: RepositoryName, reference: OCIReference)
    /// `/v2/<name>/blobs/<digest>` (end-2, end-10).
    case blob(name: RepositoryName, digest: Digest)
    /// `/v2/<name>/blobs/uploads/`, with or without the trailing slash (end-4a/b/c, end-11).
    case uploadStart(name: RepositoryName)
    /// `/v2/<name>/blobs/uploads/<id>` (end-5, end-6, end-13, end-14).
    case upload(name: RepositoryName, id: String)
    /// `/v2/<name>/referrers/<digest>` (end-12a/b).
    case referrers(name: RepositoryName, digest: Digest)

    /// The repository the route addresses; nil for `.base` and `.catalog`.
    public var name: RepositoryName? {
        switch self {
        case .base, .catalog: nil
        case .tagsList(let name), .manifest(let name, _), .blob(let name, _), .uploadStart(let name), .upload(let name, _),
            .referrers(let name, _):
            name
        }
    }

    /// The route's name for logs: `base`, `catalog`, `tags`, `manifest`, `blob`, `upload` or `referrers`.
    public var kindName: String {
        switch self {
        case .base: "base"
        case .catalog: "catalog"
        case .tagsList: "tags"
        case .manifest: "manifest"
        case .blob: "blob"
        case .uploadStart, .upload: "upload"
        case .referrers: "referrers"
        }
    }

    /// The methods this route serves, in the order an `Allow` header lists them.
    ///
    /// HEAD is listed wherever GET is (HTTP semantics; the adapter answers it without a body).
    public var allowedMethods: [String] {
        switch self {
        case .base, .catalog, .tagsList, .referrers: ["GET", "HEAD"]
        case .manifest: ["GET", "HEAD", "PUT", "DELETE"]
        case .blob: ["GET", "HEAD", "DELETE"]
        case .uploadStart: ["POST"]
        case .upload: ["GET", "HEAD", "PATCH", "PUT", "DELETE"]
        }
    }
}
