import BerthService
import Hummingbird
import NIOCore

/// Streams a blob reader into a response body in 1 MiB chunks, so memory stays flat whatever the blob's size.
enum BlobStreaming {
    static let chunkSize = 1 << 20

    static func body(_ reader: BlobContent) -> ResponseBody {
        ResponseBody(contentLength: Int(reader.length)) { writer in
            defer { reader.close() }
            var remaining = reader.length
            while remaining > 0 {
                var buffer = ByteBufferAllocator().buffer(capacity: min(chunkSize, Int(remaining)))
                let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: min(chunkSize, Int(remaining))) { pointer in
                    try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: pointer.prefix(min(chunkSize, Int(remaining)))))
                }
                if count == 0 { break }
                remaining -= Int64(count)
                try await writer.write(buffer)
            }
            try await writer.finish(nil)
        }
    }
}
