import BerthModel
import Synchronization

/// An upload session of `MemoryBlobStore` opened for one request: writes go through to the store's session.
final class MemoryUploadWriter: BlobUploadWriter {
    private struct State {
        var isOpen = true
        var offset: Int64
    }

    let id: String
    private let store: MemoryBlobStore
    private let state: Mutex<State>

    init(store: MemoryBlobStore, id: String, offset: Int64) {
        self.store = store
        self.id = id
        self.state = Mutex(State(offset: offset))
    }

    var offset: Int64 { state.withLock { $0.offset } }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try state.withLock { state in
            guard state.isOpen else { throw BlobStoreError.backend("upload \(id): the handle is closed") }
            try store.contents.withLock { contents in
                guard var session = contents.sessions.removeValue(forKey: id) else { throw BlobStoreError.uploadNotFound(id) }
                session.removeSubrange(min(Int(state.offset), session.count)...)
                session.append(contentsOf: bytes)
                contents.sessions[id] = session
            }
            state.offset += Int64(bytes.count)
        }
    }

    func flush() throws {
        try state.withLock { state in
            guard state.isOpen else { throw BlobStoreError.backend("upload \(id): the handle is closed") }
        }
    }

    func close() {
        state.withLock { $0.isOpen = false }
    }
}
