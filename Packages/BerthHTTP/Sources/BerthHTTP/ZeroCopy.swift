import BerthCrypto
import BerthModel
import NIOCore
import NIOHTTP1
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Zero-copy blob bodies. Hummingbird's response writer takes only `ByteBuffer`s, so a blob served from a local file
/// is written as a 32-byte placeholder (a per-process random marker and a token); `FileRegionHandler`, which sits
/// beside NIO's HTTP/1 response encoder, swaps the placeholder for a `FileRegion` of the blob's file, which NIO
/// sends with `sendfile`: the bytes never enter user space.
enum ZeroCopy {
    private static let marker: [UInt8] = SecureRandom.bytes(24)
    private static let pending = Mutex<[UInt64: LocalFileSpan]>([:])
    private static let nextToken = Atomic<UInt64>(1)

    /// Parks `span` (ownership of its descriptor included) and returns the placeholder that stands for it.
    static func placeholder(for span: LocalFileSpan) -> ByteBuffer {
        let token = nextToken.wrappingAdd(1, ordering: .relaxed).oldValue
        pending.withLock { $0[token] = span }
        var buffer = ByteBufferAllocator().buffer(capacity: 32)
        buffer.writeBytes(marker)
        buffer.writeInteger(token)
        return buffer
    }

    /// The parked span a placeholder stands for (removed from the parking lot), or nil for ordinary bytes.
    static func claim(_ buffer: ByteBuffer) -> LocalFileSpan? {
        guard buffer.readableBytes == 32, buffer.getBytes(at: buffer.readerIndex, length: 24) == marker,
            let token = buffer.getInteger(at: buffer.readerIndex + 24, as: UInt64.self)
        else { return nil }
        return pending.withLock { $0.removeValue(forKey: token) }
    }

    /// Gives a parked span back when its placeholder was never written (the descriptor is closed).
    static func release(_ buffer: ByteBuffer) {
        if let span = claim(buffer) { close(span.descriptor) }
    }
}

/// Swaps zero-copy placeholders for `FileRegion`s on their way to the HTTP/1 encoder, and closes each file once
/// NIO has sent it (or failed to).
final class FileRegionHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .body(.byteBuffer(let buffer)) = unwrapOutboundIn(data), let span = ZeroCopy.claim(buffer) else {
            context.write(data, promise: promise)
            return
        }
        let handle = NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: span.descriptor)
        let region = FileRegion(fileHandle: handle, readerIndex: Int(span.offset), endIndex: Int(span.offset + span.length))
        let sent = context.eventLoop.makePromise(of: Void.self)
        sent.futureResult.whenComplete { result in
            do { try handle.close() } catch { /* the descriptor is gone either way; nothing to recover */  }
            promise?.completeWith(result)
        }
        context.write(wrapOutboundOut(.body(.fileRegion(region))), promise: sent)
    }
}

/// Puts a `FileRegionHandler` right after the HTTP/1 response encoder when the connection's pipeline is built (it
/// is one of Hummingbird's additional handlers, which sit on the HTTPTypes side), then passes everything through.
/// Without the encoder a placeholder could reach a client as bytes, so the connection is closed instead.
final class FileRegionInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    func handlerAdded(context: ChannelHandlerContext) {
        do {
            let encoder = try context.pipeline.syncOperations.handler(type: HTTPResponseEncoder.self)
            try context.pipeline.syncOperations.addHandler(FileRegionHandler(), position: .after(encoder))
        } catch {
            context.close(promise: nil)
        }
    }
}
