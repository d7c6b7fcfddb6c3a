import BerthCrypto
import BerthModel
import Synchronization

/// An upload session of `MemoryBlobStore`: appends write through to the store's session at this handle's
/// offset, so a later `resumeUpload` sees them (and truncates them back to the checkpoint).
final class MemoryUploadWriter: BlobUploadWriter {
    private struct State {
        var isOpen = true
        var isFinished = false
        var offset: Int64
        var hasher: SHA256Hasher
    }

    let id: String
    private let store: MemoryBlobStore
    private let state: Mutex<State>

    init(store: MemoryBlobStore, id: String, offset: Int64, hasher: SHA256Hasher) {
        self.store = store
        self.id = id
        self.state = Mutex(State(offset: offset, hasher: hasher))
    }

    var offset: Int64 { state.withLock { $0.offset } }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        try state.withLock { state in
            try check(state)
            try store.contents.withLock { contents in
                guard var session = contents.sessions.removeValue(forKey: id) else { throw BlobStoreError.uploadNotFound(id) }
                session.data.removeSubrange(min(Int(state.offset), session.data.count)...)
                session.data.append(contentsOf: bytes)
                contents.sessions[id] = session
            }
            state.hasher.update(bytes)
            state.offset += Int64(bytes.count)
        }
    }

    func checkpoint() throws {
        try state.withLock { state in
            try check(state)
            try store.contents.withLock { contents in
                guard contents.sessions[id] != nil else { throw BlobStoreError.uploadNotFound(id) }
                contents.sessions[id]?.checkpointOffset = state.offset
                contents.sessions[id]?.checkpointState = state.hasher.exportState()
            }
        }
    }

    func currentDigest() -> Digest {
        state.withLock { Digest(sha256Hex: $0.hasher.finalizeHex()) }
    }

    func commit(expecting expected: Digest?) throws -> BlobInfo {
        try state.withLock { state in
            try check(state)
            if let expected, expected.algorithm != "sha256" { throw BlobStoreError.unsupportedDigest(expected) }
            let computed = Digest(sha256Hex: state.hasher.finalizeHex())
            let size = state.offset
            try store.contents.withLock { contents in
                guard let session = contents.sessions.removeValue(forKey: id) else { throw BlobStoreError.uploadNotFound(id) }
                state.isFinished = true
                if let expected, expected != computed {
                    throw BlobStoreError.digestMismatch(expected: expected, computed: computed)
                }
                if contents.blobs[computed] == nil {
                    contents.blobs[computed] = Array(session.data.prefix(Int(size)))
                }
            }
            return BlobInfo(digest: computed, size: size)
        }
    }

    func close() {
        state.withLock { $0.isOpen = false }
    }

    private func check(_ state: State) throws {
        if state.isFinished { throw BlobStoreError.uploadNotFound(id) }
        if !state.isOpen { throw BlobStoreError.backend("upload \(id): the handle is closed") }
    }
}
