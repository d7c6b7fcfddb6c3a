/// The OCI errors the wire layer itself produces, built in one place so their codes, statuses and headers agree.
extension OCIError {
    /// A path outside the OCI API: 404 with code `UNSUPPORTED`.
    ///
    /// distribution answers such paths with a plain-text 404; Berth keeps the JSON envelope so every `/v2` answer
    /// has one shape, and uses `UNSUPPORTED` because `NAME_UNKNOWN` would claim a repository lookup happened.
    /// - Parameter path: The request path, echoed as the detail.
    public static func routeNotFound(path: String) -> OCIError {
        OCIError(.unsupported, message: "the requested path is not part of the OCI distribution API", detail: .text(path), httpStatus: 404)
    }

    /// A known route called with a method it does not serve: 405 `UNSUPPORTED` with an `Allow` header.
    /// - Parameters:
    ///   - method: The method the client used.
    ///   - allowed: The methods the route serves, in the order to list them.
    public static func methodNotAllowed(_ method: String, allowed: [String]) -> OCIError {
        OCIError(
            .unsupported, message: "method \(method) is not allowed on this resource", httpStatus: 405,
            headers: ["Allow": allowed.joined(separator: ", ")])
    }

    /// An invalid repository name: 400 `NAME_INVALID`.
    /// - Parameter name: The name as the client wrote it.
    public static func nameInvalid(_ name: String) -> OCIError {
        OCIError(.nameInvalid, detail: .fields(["name": name]))
    }

    /// A malformed or unsupported digest: 400 `DIGEST_INVALID`.
    /// - Parameter text: The digest as the client wrote it.
    public static func digestInvalid(_ text: String) -> OCIError {
        OCIError(.digestInvalid, message: "invalid digest", detail: .fields(["digest": text]))
    }

    /// An unknown, expired, committed or cancelled upload session: 404 `BLOB_UPLOAD_UNKNOWN`.
    public static func blobUploadUnknown() -> OCIError {
        OCIError(.blobUploadUnknown)
    }

    /// A chunk that does not continue the upload: 416 `RANGE_INVALID` with `Range: 0-<last>` so the client can resume.
    /// - Parameter bytesReceived: The bytes the session holds.
    public static func uploadRangeInvalid(bytesReceived: Int64) -> OCIError {
        OCIError(.rangeInvalid, headers: ["Range": UploadContentRange.rangeHeader(bytesReceived: bytesReceived)])
    }

    /// A blob `Range` request past the end: 416 `RANGE_INVALID` with `Content-Range: bytes */<size>`.
    /// - Parameter size: The blob size.
    public static func rangeNotSatisfiable(size: Int64) -> OCIError {
        OCIError(.rangeInvalid, message: "requested range not satisfiable", headers: ["Content-Range": "bytes */\(size)"])
    }

    /// Missing or invalid credentials: 401 `UNAUTHORIZED` with the given `WWW-Authenticate` challenge.
    /// - Parameter challenge: A value from `RegistryChallenge`.
    public static func unauthorized(challenge: String) -> OCIError {
        OCIError(.unauthorized, headers: ["WWW-Authenticate": challenge])
    }

    /// Rate limited: 429 `TOOMANYREQUESTS`, with `Retry-After` when known.
    /// - Parameter retryAfterSeconds: Seconds the client should wait, if known.
    public static func tooManyRequests(retryAfterSeconds: Int? = nil) -> OCIError {
        OCIError(.tooManyRequests, headers: retryAfterSeconds.map { ["Retry-After": String($0)] } ?? [:])
    }
}
