import BerthModel
import Synchronization

/// Reads a span of one blob file with `pread`, so the descriptor's position is never shared state.
final class FileSystemBlobReader: BlobReader {
    private struct State {
        var fd: Int32?
        var position: Int64
    }

    let length: Int64
    private let path: String
    private let start: Int64
    private let end: Int64
    private let state: Mutex<State>

    /// Takes ownership of `fd`.
    init(fd: Int32, path: String, span: Range<Int64>) {
        self.length = span.upperBound - span.lowerBound
        self.path = path
        self.start = span.lowerBound
        self.end = span.upperBound
        self.state = Mutex(State(fd: fd, position: span.lowerBound))
    }

    deinit {
        close()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try state.withLock { state in
            guard let fd = state.fd else { throw BlobStoreError.backend("read from a closed reader of \(path)") }
            let wanted = Int(min(Int64(buffer.count), end - state.position))
            guard wanted > 0 else { return 0 }
            let count = try POSIX.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<wanted]), at: state.position, path: path)
            guard count > 0 else { throw BlobStoreError.backend("\(path) ended \(end - state.position) bytes early") }
            state.position += Int64(count)
            return count
        }
    }

    func detachFile() -> LocalFileSpan? {
        state.withLock { state in
            guard let fd = state.fd, state.position == start else { return nil }
            state.fd = nil
            return LocalFileSpan(descriptor: fd, offset: start, length: end - start)
        }
    }

    func close() {
        state.withLock { state in
            if let fd = state.fd {
                POSIX.close(fd)
                state.fd = nil
            }
        }
    }
}
