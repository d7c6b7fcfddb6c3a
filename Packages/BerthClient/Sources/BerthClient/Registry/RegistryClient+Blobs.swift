public import BerthModel
import Foundation

extension RegistryClient {
    /// The size of blob `digest` when the repository holds it (HEAD), nil when it does not.
    /// - Throws: `TransferError` for anything but 200 and 404.
    public func blobSize(_ digest: Digest) async throws(TransferError) -> Int64? {
        let answer = try await send("HEAD", try url("blobs/\(digest)"))
        if answer.status == 404 { return nil }
        guard answer.status == 200 else { throw failure(answer) }
        return answer.header("content-length").flatMap { Int64($0) } ?? 0
    }

    /// Streams bytes `range` of blob `digest` into `sink` (the whole blob when `range` is nil).
    /// - Returns: 206 when the server sent the range, 200 when it sent the whole blob.
    /// - Throws: `TransferError` for any other answer, a broken exchange or what the sink threw.
    public func downloadBlob(_ digest: Digest, range: ClosedRange<Int64>?, into sink: any ResponseSink) async throws(TransferError) -> Int {
        let headers = range.map { ["Range": "bytes=\($0.lowerBound)-\($0.upperBound)"] } ?? [:]
        let answer = try await stream(try url("blobs/\(digest)"), headers: headers, into: sink)
        guard answer.status == 200 || answer.status == 206 else {
            if answer.status == 404, OCIErrorBody.summary(of: answer.body).codes.contains("BLOB_UNKNOWN") {
                throw .rejected(status: 404, message: "the registry has no blob \(digest)")
            }
            throw failure(answer)
        }
        return answer.status
    }
}
