import BerthModel
import Foundation

/// Pushes one blob: skipped when the repository has it, else uploaded in chunks (PATCH with `Content-Range`, then
/// `PUT ?digest=`), resuming after transient failures from the offset the upload session reports.
struct BlobPusher: Sendable {
    let client: RegistryClient
    let options: TransferOptions
    let observer: any TransferObserver
    let signal: AbortSignal

    /// Pushes `blob`. - Returns: true when bytes were uploaded, false when the registry already had it.
    func push(_ blob: BlobSource) async throws(TransferError) -> Bool {
        observer.handle(.started(blob.digest, size: blob.size))
        if try await isPresent(blob) {
            observer.handle(.finished(blob.digest, size: blob.size, skipped: true))
            return false
        }
        try await upload(blob)
        observer.handle(.finished(blob.digest, size: blob.size, skipped: false))
        return true
    }

    private func isPresent(_ blob: BlobSource) async throws(TransferError) -> Bool {
        var retry = RetryState(policy: options.retry)
        while true {
            do throws(TransferError) {
                return try await client.blobSize(blob.digest) != nil
            } catch {
                try await retry.wait(after: error, blob: blob.digest, observer: observer, signal: signal)
            }
        }
    }

    private func upload(_ blob: BlobSource) async throws(TransferError) {
        let reader = try FileChunkReader(path: blob.path)
        var retry = RetryState(policy: options.retry)
        var session: URL?
        var offset: Int64 = 0
        var interrupted = false
        while true {
            do throws(TransferError) {
                if interrupted, let current = session {
                    guard let resumed = try await client.uploadOffset(at: current) else {
                        // The session is gone: either the final PUT landed before its answer was lost, or it expired.
                        if try await client.blobSize(blob.digest) != nil { return }
                        session = nil
                        continue
                    }
                    session = resumed.url
                    offset = min(resumed.offset, blob.size)
                    observer.handle(.progressed(blob.digest, completed: offset))
                }
                interrupted = false
                var current = try await openSession(session, offset: &offset, blob: blob)
                session = current
                while offset < blob.size {
                    try signal.check()
                    let count = Int(min(Int64(options.chunkSize), blob.size - offset))
                    let chunk = try reader.read(at: blob.offset + offset, count: count)
                    current = try await client.appendChunk(chunk, at: current, start: offset)
                    session = current
                    offset += Int64(count)
                    retry.progressed()
                    observer.handle(.progressed(blob.digest, completed: offset))
                }
                try await client.finishUpload(at: current, digest: blob.digest)
                return
            } catch {
                interrupted = true
                try await retry.wait(after: error, blob: blob.digest, observer: observer, signal: signal)
            }
        }
    }

    private func openSession(_ session: URL?, offset: inout Int64, blob: BlobSource) async throws(TransferError) -> URL {
        if let session { return session }
        offset = 0
        observer.handle(.progressed(blob.digest, completed: 0))
        return try await client.startUpload()
    }
}
