public import BerthModel
public import Foundation

extension RegistryClient {
    /// Opens an upload session (`POST /v2/<name>/blobs/uploads/`).
    /// - Returns: The session's URL.
    public func startUpload() async throws(TransferError) -> URL {
        let answer = try await send("POST", try url("blobs/uploads/"))
        guard answer.status == 202, let location = answer.header("location") else { throw failure(answer) }
        return try resolve(location)
    }

    /// How many bytes the session at `session` holds (`GET` → 204 `Range: 0-<end>`), and its current URL.
    /// - Returns: nil when the session is gone (404).
    public func uploadOffset(at session: URL) async throws(TransferError) -> (url: URL, offset: Int64)? {
        let answer = try await send("GET", session)
        if answer.status == 404 { return nil }
        guard answer.status == 204 else { throw failure(answer) }
        let next = try answer.header("location").map { location throws(TransferError) in try resolve(location) } ?? session
        return (next, RegistryClient.bytesHeld(range: answer.header("range")))
    }

    /// Sends `chunk` as the bytes from `start` on (`PATCH` with `Content-Range: <start>-<end>`).
    /// - Returns: The session's URL for the next request.
    public func appendChunk(_ chunk: Data, at session: URL, start: Int64) async throws(TransferError) -> URL {
        let end = start + Int64(chunk.count) - 1
        let headers = ["Content-Type": "application/octet-stream", "Content-Range": "\(start)-\(end)"]
        let answer = try await send("PATCH", session, headers: headers, body: chunk)
        guard answer.status == 202 else { throw failure(answer) }
        return try answer.header("location").map { location throws(TransferError) in try resolve(location) } ?? session
    }

    /// Closes the session as blob `digest` (`PUT <session>?digest=`).
    public func finishUpload(at session: URL, digest: Digest) async throws(TransferError) {
        guard var components = URLComponents(url: session, resolvingAgainstBaseURL: true) else {
            throw .invalidSource("invalid upload URL \(session)")
        }
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "digest", value: digest.description)]
        guard let target = components.url else { throw .invalidSource("invalid upload URL \(session)") }
        let answer = try await send("PUT", target)
        guard answer.status == 201 else { throw failure(answer, reference: digest.description) }
    }

    /// The bytes an upload holds from its `Range: 0-<end>` header; `0-0` counts as none, as Berth and distribution
    /// send it for an empty session (chunks are never a single byte here, so that reading is safe).
    static func bytesHeld(range: String?) -> Int64 {
        guard let range, let dash = range.lastIndex(of: "-"), let end = Int64(range[range.index(after: dash)...]) else { return 0 }
        return end > 0 ? end + 1 : 0
    }
}
