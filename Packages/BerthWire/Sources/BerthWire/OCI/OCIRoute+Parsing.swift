import BerthModel

extension OCIRoute {
    /// Parses a request path and checks the method against the route.
    ///
    /// Order of checks: the path's shape (else 404 `UNSUPPORTED`, see `OCIError.routeNotFound`), the repository
    /// name (400 `NAME_INVALID`), the reference or digest (400 `DIGEST_INVALID` / `MANIFEST_INVALID`, see
    /// `OCIReference.parse`), the upload id (404 `BLOB_UPLOAD_UNKNOWN`), then the method (405 `UNSUPPORTED` with
    /// `Allow`). Methods are case-sensitive, as HTTP says. Nothing here can produce a 5xx.
    /// - Parameters:
    ///   - method: The HTTP method, e.g. `GET`.
    ///   - path: The path only (no query), already percent-decoded by the caller.
    /// - Returns: The route, or the error to answer with.
    public static func parse(method: String, path: String) -> Result<OCIRoute, OCIError> {
        parse(path: path, method: method).flatMap { route in
            route.allowedMethods.contains(method) ? .success(route) : .failure(.methodNotAllowed(method, allowed: route.allowedMethods))
        }
    }

    /// Parses a request path without looking at the method (see `parse(method:path:)`).
    ///
    /// Repository names contain `/`, so the route is recognised from the right: the path must end in
    /// `/tags/list`, `/blobs/uploads[/]`, `/blobs/uploads/<id>`, `/manifests/<ref>`, `/blobs/<digest>` or
    /// `/referrers/<digest>` (tried in that order) after at least one name segment; everything before is the name.
    /// So `/v2/a/blobs/uploads/blobs/uploads/` starts an upload in repository `a/blobs/uploads`. A trailing slash
    /// is accepted only after `uploads` (the spec spells that route with one); empty segments make the name invalid.
    ///
    /// A manifest reference that is neither a digest nor a valid tag cannot name anything: reading it (`GET`/`HEAD`)
    /// answers 404 `MANIFEST_UNKNOWN`, as the OCI conformance suite requires, while writing it stays 400.
    /// - Parameters:
    ///   - path: The path only (no query), already percent-decoded by the caller.
    ///   - method: The HTTP method when known (it only changes the answer for unreadable manifest references).
    /// - Returns: The route, or the error to answer with.
    public static func parse(path: String, method: String? = nil) -> Result<OCIRoute, OCIError> {
        let rest: Substring
        if path == "/v2" || path == "/v2/" {
            return .success(.base)
        } else if path.hasPrefix("/v2/") {
            rest = path.dropFirst(4)
        } else {
            return .failure(.routeNotFound(path: path))
        }
        if rest == "_catalog" { return .success(.catalog) }
        let segments = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard let shape = Shape(segments) else { return .failure(.routeNotFound(path: path)) }
        guard let name = RepositoryName(shape.name) else { return .failure(.nameInvalid(shape.name)) }
        switch shape.kind {
        case .tagsList:
            return .success(.tagsList(name: name))
        case .uploadStart:
            return .success(.uploadStart(name: name))
        case .upload:
            guard isValidUploadID(shape.argument) else { return .failure(.blobUploadUnknown()) }
            return .success(.upload(name: name, id: shape.argument))
        case .manifest:
            let reference = OCIReference.parse(shape.argument)
            if case .failure(let error) = reference, error.code == .manifestInvalid, method == "GET" || method == "HEAD" {
                return .failure(OCIError(.manifestUnknown, message: "manifest unknown", detail: .fields(["reference": shape.argument])))
            }
            return reference.map { .manifest(name: name, reference: $0) }
        case .blob:
            guard let digest = Digest(parsing: shape.argument) else { return .failure(.digestInvalid(shape.argument)) }
            return .success(.blob(name: name, digest: digest))
        case .referrers:
            guard let digest = Digest(parsing: shape.argument) else { return .failure(.digestInvalid(shape.argument)) }
            return .success(.referrers(name: name, digest: digest))
        }
    }

    /// Upload ids are minted by Berth: 1–256 RFC 3986 unreserved characters. Anything else cannot name a session.
    static func isValidUploadID(_ id: String) -> Bool {
        let bytes = id.utf8
        guard !bytes.isEmpty, bytes.count <= 256 else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
            default: false
            }
        }
    }
}

/// The shape of a `/v2/<name>/…` path, before any validation: which route, the raw name, and the raw argument.
private struct Shape {
    enum Kind { case tagsList, uploadStart, upload, manifest, blob, referrers }

    let kind: Kind
    let name: String
    let argument: String

    /// Matches the suffix patterns from the right; nil when none matches with at least one name segment.
    init?(_ segments: [Substring]) {
        let count = segments.count
        func tail(_ index: Int) -> Substring { segments[count - index] }
        func name(dropping suffixLength: Int) -> String { segments[..<(count - suffixLength)].joined(separator: "/") }

        if count >= 3, tail(2) == "tags", tail(1) == "list" {
            self.init(kind: .tagsList, name: name(dropping: 2), argument: "")
        } else if count >= 3, tail(2) == "blobs", tail(1) == "uploads" {
            self.init(kind: .uploadStart, name: name(dropping: 2), argument: "")
        } else if count >= 4, tail(3) == "blobs", tail(2) == "uploads" {
            let id = tail(1)
            self.init(kind: id.isEmpty ? .uploadStart : .upload, name: name(dropping: 3), argument: String(id))
        } else if count >= 3, !tail(1).isEmpty, let kind = Shape.argumentKinds[String(tail(2))] {
            self.init(kind: kind, name: name(dropping: 2), argument: String(tail(1)))
        } else {
            return nil
        }
    }

    private init(kind: Kind, name: String, argument: String) {
        self.kind = kind
        self.name = name
        self.argument = argument
    }

    private static let argumentKinds: [String: Kind] = ["manifests": .manifest, "blobs": .blob, "referrers": .referrers]
}
