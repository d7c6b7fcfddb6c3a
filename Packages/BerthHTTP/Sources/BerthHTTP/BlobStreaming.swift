import BerthModel
import BerthService
import Hummingbird
import NIOCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams a blob into a response body: a local file as one zero-copy `FileRegion` (sendfile) when the server's
/// pipeline has a `FileRegionHandler` (`sendsFilesZeroCopy`), anything else in 1 MiB chunks read on blocking-I/O
/// threads, so memory stays flat whatever the blob's size and no storage read runs on the concurrency pool.
struct BlobStreaming: Sendable {
    static let chunkSize = 1 << 20

    /// True only where `FileRegionInstaller` is in the channel pipeline (a real server, not router tests).
    let sendsFilesZeroCopy: Bool

    func body(_ reader: BlobContent) -> ResponseBody {
        let chunkSize = Self.chunkSize
        if sendsFilesZeroCopy, let span = reader.detachFile() {
            let file = DetachedFile(span)
            return ResponseBody(contentLength: Int(span.length)) { writer in
                guard let span = file.take() else { throw CancellationError() }
                let placeholder = ZeroCopy.placeholder(for: span)
                do {
                    try await writer.write(placeholder)
                } catch {
                    ZeroCopy.release(placeholder)
                    throw error
                }
                try await writer.finish(nil)
            }
        }
        return ResponseBody(contentLength: Int(reader.length)) { writer in
            defer { reader.close() }
            var remaining = reader.length
            while remaining > 0 {
                let wanted = min(chunkSize, Int(remaining))
                // Storage reads (a plugin's network call, a cold disk) block: they run on a blocking-I/O thread, and
                // the buffer is made there so no copy is shared across the hop.
                let buffer = try await BlockingIO.run {
                    var buffer = ByteBufferAllocator().buffer(capacity: wanted)
                    _ = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) { pointer in
                        try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: pointer.prefix(wanted)))
                    }
                    return buffer
                }
                if buffer.readableBytes == 0 { break }
                remaining -= Int64(buffer.readableBytes)
                try await writer.write(buffer)
            }
            try await writer.finish(nil)
        }
    }
}

/// A detached blob file owned by a response body until it is written; closed if the body is dropped unwritten.
private final class DetachedFile: @unchecked Sendable {
    private let state: Mutex<LocalFileSpan?>

    init(_ span: LocalFileSpan) { state = Mutex(span) }

    deinit {
        if let span = state.withLock({ $0 }) { close(span.descriptor) }
    }

    /// The span, once (nil afterwards); the caller owns its descriptor from now on.
    func take() -> LocalFileSpan? {
        state.withLock { span in
            defer { span = nil }
            return span
        }
    }
}
