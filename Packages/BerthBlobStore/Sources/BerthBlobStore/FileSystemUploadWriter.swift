import BerthModel
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An upload session of `FileSystemBlobStore` opened for one request: bytes go to `uploads/<id>/data` at their
/// offset; `flush()` syncs them.
final class FileSystemUploadWriter: BlobUploadWriter {
    private struct State {
        var fd: Int32?
        var offset: Int64
    }

    let id: String
    private let path: String
    private let state: Mutex<State>

    /// Takes ownership of `fd`, the session's data file, which holds exactly `offset` bytes.
    init(id: String, fd: Int32, path: String, offset: Int64) {
        self.id = id
        self.path = path
        self.state = Mutex(State(fd: fd, offset: offset))
    }

    deinit {
        close()
    }

    var offset: Int64 { state.withLock { $0.offset } }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try state.withLock { state in
            try POSIX.writeAll(try descriptor(state), bytes, at: state.offset, path: path) { piece in
                state.offset += Int64(piece.count)
            }
        }
    }

    func flush() throws {
        try state.withLock { state in try POSIX.sync(try descriptor(state), path: path) }
    }

    func close() {
        state.withLock { state in
            if let fd = state.fd { POSIX.close(fd) }
            state.fd = nil
        }
    }

    private func descriptor(_ state: State) throws -> Int32 {
        guard let fd = state.fd else { throw BlobStoreError.backend("upload \(id): the handle is closed") }
        return fd
    }
}
