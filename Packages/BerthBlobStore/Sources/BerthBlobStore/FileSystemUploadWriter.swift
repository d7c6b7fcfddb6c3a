import BerthCrypto
import BerthModel
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An upload session of `FileSystemBlobStore`: bytes go to `uploads/<id>/data` at their offset and into the
/// running hash; `checkpoint()` makes both durable; `commit` renames the data file into the blob tree.
final class FileSystemUploadWriter: BlobUploadWriter {
    private enum Phase {
        case open(Int32)
        case closed
        case finished
    }

    private struct State {
        var phase: Phase
        var offset: Int64
        var hasher: SHA256Hasher
    }

    let id: String
    private let store: FileSystemBlobStore
    private let directory: String
    private let dataPath: String
    private let state: Mutex<State>

    /// Takes ownership of `fd`, the session's data file, positioned logically at `offset`.
    init(store: FileSystemBlobStore, id: String, fd: Int32, offset: Int64, hasher: SHA256Hasher) {
        self.store = store
        self.id = id
        self.directory = store.uploadsDirectory + "/" + id
        self.dataPath = directory + "/data"
        self.state = Mutex(State(phase: .open(fd), offset: offset, hasher: hasher))
    }

    deinit {
        close()
    }

    var offset: Int64 { state.withLock { $0.offset } }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        try state.withLock { state in
            let fd = try descriptor(state.phase)
            try POSIX.writeAll(fd, bytes, at: state.offset, path: dataPath) { piece in
                state.hasher.update(piece)
                state.offset += Int64(piece.count)
            }
        }
    }

    func checkpoint() throws {
        try state.withLock { state in
            let fd = try descriptor(state.phase)
            try POSIX.sync(fd, path: dataPath)
            let statePath = directory + "/state"
            try POSIX.writeDurably(statePath + ".tmp", UploadCheckpoint(offset: state.offset, hasher: state.hasher).encoded())
            try POSIX.rename(statePath + ".tmp", statePath)
            try POSIX.syncDirectory(directory)
        }
    }

    func currentDigest() -> Digest {
        state.withLock { Digest(sha256Hex: $0.hasher.finalizeHex()) }
    }

    func commit(expecting expected: Digest?) throws -> BlobInfo {
        try state.withLock { state in
            let fd = try descriptor(state.phase)
            if let expected, expected.algorithm != "sha256" { throw BlobStoreError.unsupportedDigest(expected) }
            let computed = Digest(sha256Hex: state.hasher.finalizeHex())
            if let expected, expected != computed {
                POSIX.close(fd)
                state.phase = .finished
                try POSIX.removeTree(directory)
                throw BlobStoreError.digestMismatch(expected: expected, computed: computed)
            }
            try POSIX.sync(fd, path: dataPath)
            POSIX.close(fd)
            state.phase = .closed
            try moveIntoPlace(computed)
            try POSIX.removeTree(directory)
            state.phase = .finished
            return BlobInfo(digest: computed, size: state.offset)
        }
    }

    func close() {
        state.withLock { state in
            if case .open(let fd) = state.phase {
                POSIX.close(fd)
                state.phase = .closed
            }
        }
    }

    /// Renames the (synced) data file to the blob's path, unless the blob is already there.
    private func moveIntoPlace(_ digest: Digest) throws {
        let shard = store.shardDirectory(digest)
        if try POSIX.makeDirectory(shard) {
            try POSIX.syncDirectory(store.blobsDirectory)
        }
        let target = shard + "/" + digest.encoded
        guard try POSIX.fileInfo(target) == nil else { return }
        do {
            try POSIX.rename(dataPath, target)
        } catch {
            if try POSIX.fileInfo(dataPath) == nil { throw BlobStoreError.uploadNotFound(id) }
            throw error
        }
        try POSIX.syncDirectory(shard)
    }

    private func descriptor(_ phase: Phase) throws -> Int32 {
        switch phase {
        case .open(let fd): return fd
        case .closed: throw BlobStoreError.backend("upload \(id): the handle is closed")
        case .finished: throw BlobStoreError.uploadNotFound(id)
        }
    }
}
