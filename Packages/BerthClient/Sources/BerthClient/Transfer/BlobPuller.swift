import BerthModel
import Foundation

/// Pulls one blob into a layout: skipped when the layout has it, else downloaded into `<hex>.partial` (resumed
/// with `Range` after transient failures or an earlier interrupted pull), checked against its digest, then renamed.
struct BlobPuller: Sendable {
    let client: RegistryClient
    let options: TransferOptions
    let observer: any TransferObserver
    let signal: AbortSignal

    /// Pulls blob `digest` of `size` bytes to `path`. - Returns: true when bytes were downloaded.
    func pull(_ digest: Digest, size: Int64, to path: String) async throws(TransferError) -> Bool {
        observer.handle(.started(digest, size: size))
        if LayoutFiles.size(of: path) == size {
            observer.handle(.finished(digest, size: size, skipped: true))
            return false
        }
        let partial = path + ".partial"
        var retry = RetryState(policy: options.retry)
        while true {
            let sink = try BlobFileSink(path: partial, expectedSize: size, signal: signal) { [observer] in
                observer.handle(.progressed(digest, completed: $0))
            }
            let start = sink.written
            observer.handle(.progressed(digest, completed: start))
            do throws(TransferError) {
                if start < size { _ = try await client.downloadBlob(digest, from: start, into: sink) }
                guard sink.written == size else {
                    throw TransferError.unreachable(
                        endpoint: client.endpoint.baseURL, reason: "the blob ended after \(sink.written) of \(size) bytes")
                }
                guard sink.digest == digest else {
                    try LayoutFiles.remove(partial)
                    throw TransferError.digestMismatch(expected: digest.description, actual: sink.digest.description)
                }
                try LayoutFiles.rename(partial, to: path)
                observer.handle(.finished(digest, size: size, skipped: false))
                return true
            } catch {
                if sink.written > start { retry.progressed() }
                try await retry.wait(after: error, blob: digest, observer: observer, signal: signal)
            }
        }
    }
}
