public import BerthModel

/// The blob upload session as a state machine with no I/O: the adapter feeds it each request's headers and gets
/// back what to do, performs the I/O, then records the outcome.
///
/// States: `open` (no chunk recorded yet) → `appending` (at least one chunk recorded) → `committed` | `cancelled`
/// | `expired`. Once committed, cancelled or expired, every input is refused with 404 `BLOB_UPLOAD_UNKNOWN`.
///
/// The session holds only the offset, so the adapter rebuilds it per request from the persisted upload
/// (`UploadSession(bytesReceived: upload.size)`); any replica can continue any upload. A request goes:
/// - PATCH: `patch(…)` → `.append(chunk)`: write the body at `chunk.offset`, call `recordWritten(byteCount:)`,
///   answer 202 with `Range: rangeHeader` (or the error it returns). `.reject(error)`: answer with the error.
/// - PUT: `put(…)` → `.commit(digest, finalChunk)`: write the final chunk when there is one and call
///   `recordWritten(byteCount:)`, commit the store expecting `digest` (a mismatch is 400 `DIGEST_INVALID`), call
///   `recordCommitted()`, answer 201.
/// - DELETE: `cancel()` → `.cancel`: drop the stored bytes, answer 204.
/// - GET/HEAD: `status()` → answer 204 with `Range`.
///
/// Chunk rules: a chunk with `Content-Range` must start exactly at the bytes received so far, so out-of-order and
/// re-sent chunks get 416 `RANGE_INVALID` with the current `Range` (as the spec and the conformance suite require); a
/// malformed `Content-Range` is 416 too. A `Content-Length` that disagrees with the range is 400 `SIZE_INVALID`
/// (distribution's answer). A chunk without `Content-Range` (docker/containerd stream PATCH) appends at the end.
public struct UploadSession: Sendable, Equatable {
    /// Where the session is in its life.
    public enum State: String, Sendable, Hashable {
        /// Created, no chunk recorded yet.
        case open
        /// At least one chunk recorded.
        case appending
        /// Closed by a successful PUT.
        case committed
        /// Closed by DELETE.
        case cancelled
        /// Timed out by the server.
        case expired
    }

    /// A chunk to write: where it starts and how long it must be (nil when unknown: a streamed body).
    public struct Chunk: Sendable, Hashable {
        /// The blob offset the body's first byte goes to (always the bytes received so far).
        public let offset: Int64
        /// The exact number of bytes the client announced, if it announced any.
        public let length: Int64?

        /// Creates a chunk.
        /// - Parameters:
        ///   - offset: Where the chunk starts.
        ///   - length: Its announced length, if any.
        public init(offset: Int64, length: Int64?) {
            self.offset = offset
            self.length = length
        }
    }

    /// What the adapter must do for a request.
    public enum Decision: Sendable, Equatable {
        /// Append the request body as this chunk, then `recordWritten(byteCount:)`.
        case append(Chunk)
        /// Append the final chunk if any (then `recordWritten(byteCount:)`), commit expecting `digest`, then
        /// `recordCommitted()`.
        case commit(digest: Digest, finalChunk: Chunk?)
        /// Drop the upload's bytes and answer 204.
        case cancel
        /// Answer with this error and do nothing else.
        case reject(OCIError)
    }

    /// The current state.
    public private(set) var state: State
    /// The bytes the upload holds.
    public private(set) var bytesReceived: Int64
    /// The chunk most recently handed out by `patch`/`put`, awaiting `recordWritten`.
    private var pendingChunk: Chunk?

    /// A session holding `bytesReceived` bytes: `open` when empty, `appending` otherwise.
    /// - Parameter bytesReceived: The persisted size of the upload.
    public init(bytesReceived: Int64 = 0) {
        self.init(state: bytesReceived > 0 ? .appending : .open, bytesReceived: bytesReceived)
    }

    /// A session in an explicit state (e.g. rebuilt from a persisted record).
    /// - Parameters:
    ///   - state: The persisted state.
    ///   - bytesReceived: The persisted size of the upload.
    public init(state: State, bytesReceived: Int64) {
        self.state = state
        self.bytesReceived = max(0, bytesReceived)
    }

    /// True while the session accepts chunks (`open` or `appending`).
    public var isActive: Bool { state == .open || state == .appending }

    /// The `Range` response header value for the bytes received: `0-<last>` (see `UploadContentRange.rangeHeader`).
    public var rangeHeader: String { UploadContentRange.rangeHeader(bytesReceived: bytesReceived) }

    /// Decides a PATCH.
    /// - Parameters:
    ///   - contentRange: The parsed `Content-Range`, nil when absent (a streamed chunk appends at the end).
    ///   - contentLength: The `Content-Length`, nil when the body is streamed without one.
    /// - Returns: `.append` or `.reject`.
    public mutating func patch(contentRange: UploadContentRange?, contentLength: Int64?) -> Decision {
        if let error = chunkError(contentRange: contentRange, contentLength: contentLength) { return .reject(error) }
        let chunk = Chunk(offset: bytesReceived, length: contentRange?.length ?? contentLength)
        pendingChunk = chunk
        return .append(chunk)
    }

    /// Decides a PATCH from the raw `Content-Range` header: a malformed one is 416 `RANGE_INVALID`.
    /// - Parameters:
    ///   - contentRangeHeader: The raw header value, nil when absent.
    ///   - contentLength: The `Content-Length`, nil when the body is streamed without one.
    public mutating func patch(contentRangeHeader: String?, contentLength: Int64?) -> Decision {
        guard isActive else { return .reject(.blobUploadUnknown()) }
        switch parseRange(contentRangeHeader) {
        case .success(let range): return patch(contentRange: range, contentLength: contentLength)
        case .failure(let error): return .reject(error)
        }
    }

    /// Decides the closing PUT.
    ///
    /// A final chunk is expected unless `contentLength` is 0 and there is no `Content-Range`; with a nil
    /// `contentLength` (streamed body) the adapter writes whatever arrives, which may be nothing.
    /// - Parameters:
    ///   - digest: The `digest` query parameter (the whole blob's); missing or malformed is 400 `DIGEST_INVALID`.
    ///   - contentRange: The parsed `Content-Range` of the final chunk, if any.
    ///   - contentLength: The `Content-Length`, nil when the body is streamed without one.
    /// - Returns: `.commit` or `.reject`.
    public mutating func put(digest: String?, contentRange: UploadContentRange?, contentLength: Int64?) -> Decision {
        guard isActive else { return .reject(.blobUploadUnknown()) }
        guard let digest, !digest.isEmpty else {
            return .reject(OCIError(.digestInvalid, message: "the digest query parameter is required"))
        }
        guard let expected = Digest(parsing: digest) else { return .reject(.digestInvalid(digest)) }
        guard contentRange != nil || contentLength != 0 else { return .commit(digest: expected, finalChunk: nil) }
        if let error = chunkError(contentRange: contentRange, contentLength: contentLength) { return .reject(error) }
        let chunk = Chunk(offset: bytesReceived, length: contentRange?.length ?? contentLength)
        pendingChunk = chunk
        return .commit(digest: expected, finalChunk: chunk)
    }

    /// Decides the closing PUT from the raw `Content-Range` header: a malformed one is 416 `RANGE_INVALID`.
    /// - Parameters:
    ///   - digest: The `digest` query parameter.
    ///   - contentRangeHeader: The raw header value, nil when absent.
    ///   - contentLength: The `Content-Length`, nil when the body is streamed without one.
    public mutating func put(digest: String?, contentRangeHeader: String?, contentLength: Int64?) -> Decision {
        guard isActive else { return .reject(.blobUploadUnknown()) }
        switch parseRange(contentRangeHeader) {
        case .success(let range): return put(digest: digest, contentRange: range, contentLength: contentLength)
        case .failure(let error): return .reject(error)
        }
    }

    /// Records that `byteCount` bytes of the pending chunk were written.
    ///
    /// The bytes are counted even when they disagree with the announced length, because the store holds them;
    /// the returned error (400 `SIZE_INVALID`) then tells the client its chunk was wrong.
    /// - Parameter byteCount: The bytes actually appended.
    /// - Returns: nil when the chunk had the announced length, else the error to answer with.
    @discardableResult
    public mutating func recordWritten(byteCount: Int64) -> OCIError? {
        let expected = pendingChunk?.length
        pendingChunk = nil
        let written = max(0, byteCount)
        bytesReceived += written
        if state == .open { state = .appending }
        guard let expected, expected != written else { return nil }
        return OCIError(.sizeInvalid, detail: .fields(["expected": String(expected), "received": String(written)]))
    }

    /// Records a successful commit.
    public mutating func recordCommitted() {
        state = .committed
        pendingChunk = nil
    }

    /// Decides a DELETE of the session: `.cancel` (and the session becomes `cancelled`) while active.
    public mutating func cancel() -> Decision {
        guard isActive else { return .reject(.blobUploadUnknown()) }
        state = .cancelled
        pendingChunk = nil
        return .cancel
    }

    /// Marks the session expired (the server's timeout); every later input is 404 `BLOB_UPLOAD_UNKNOWN`.
    public mutating func expire() {
        state = .expired
        pendingChunk = nil
    }

    /// Answers a GET/HEAD on the session: the `Range` header for a 204, or 404 `BLOB_UPLOAD_UNKNOWN`.
    public func status() -> Result<String, OCIError> {
        isActive ? .success(rangeHeader) : .failure(.blobUploadUnknown())
    }

    private func chunkError(contentRange: UploadContentRange?, contentLength: Int64?) -> OCIError? {
        guard isActive else { return .blobUploadUnknown() }
        if let contentLength, contentLength < 0 { return OCIError(.sizeInvalid, message: "Content-Length must not be negative") }
        guard let contentRange else { return nil }
        guard contentRange.start == bytesReceived else { return .uploadRangeInvalid(bytesReceived: bytesReceived) }
        if let contentLength, contentLength != contentRange.length {
            return OCIError(.sizeInvalid, detail: .fields(["contentLength": String(contentLength), "contentRange": String(contentRange.length)]))
        }
        return nil
    }

    private func parseRange(_ header: String?) -> Result<UploadContentRange?, OCIError> {
        guard let header else { return .success(nil) }
        guard let range = UploadContentRange(parsing: header) else {
            var error = OCIError.uploadRangeInvalid(bytesReceived: bytesReceived)
            error.detail = .fields(["contentRange": header])
            return .failure(error)
        }
        return .success(range)
    }
}
