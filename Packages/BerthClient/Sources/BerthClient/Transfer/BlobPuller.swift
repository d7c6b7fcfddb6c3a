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
                try await download(digest, size: size, into: sink, retry: &retry)
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

    /// Fetches what `sink` lacks in windows of `chunkSize` bytes (`Range` requests), so no more than one window per
    /// blob can wait in the transport's queue however fast the server sends; a 200 brings the whole blob at once.
    private func download(_ digest: Digest, size: Int64, into sink: BlobFileSink, retry: inout RetryState) async throws(TransferError) {
        while sink.written < size {
            try signal.check()
            let start = sink.written
            let end = min(start + Int64(options.chunkSize), size) - 1
            let whole = start == 0 && end == size - 1
            let status = try await client.downloadBlob(digest, range: whole ? nil : start...end, into: sink)
            if status == 200 { return }
            guard sink.written > start else {
                throw TransferError.unreachable(endpoint: client.endpoint.baseURL, reason: "no bytes came for \(digest)")
            }
            retry.progressed()
        }
    }
}
