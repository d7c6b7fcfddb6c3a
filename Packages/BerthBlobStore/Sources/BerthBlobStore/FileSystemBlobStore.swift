import BerthCrypto
public import BerthModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A blob store on a local file system, streaming through POSIX calls.
///
/// Layout under `root`:
/// - `blobs/sha256/<first 2 hex>/<hex>`: committed blobs, which appear only by `rename`, so a crash at any
///   point leaves either the whole blob or none of it;
/// - `uploads/<id>/data`: the bytes of an upload session, written in place at their offset;
/// - `uploads/<id>/state`: the last checkpoint (offset and SHA-256 state), replaced atomically.
///
/// Only sha256 digests are stored; stat, read and delete of another algorithm find nothing.
public final class FileSystemBlobStore: BlobStore {
    /// The directory holding everything.
    public let root: String
    let blobsDirectory: String
    let uploadsDirectory: String

    /// Opens (creating when missing) a store rooted at `root`.
    /// - Throws: `BlobStoreError.backend` when the directories cannot be created.
    public init(root: String) throws {
        let trimmed = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        self.root = trimmed
        self.blobsDirectory = trimmed + "/blobs/sha256"
        self.uploadsDirectory = trimmed + "/uploads"
        try POSIX.makeDirectories(blobsDirectory)
        try POSIX.makeDirectories(uploadsDirectory)
    }

    /// The path of a stored blob, or nil when the store does not hold it (for `sendfile`-style fast paths).
    public func localPath(for digest: Digest) -> String? {
        guard let path = blobPath(digest), (try? POSIX.fileInfo(path)) ?? nil != nil else { return nil }
        return path
    }

    /// The blob's size, or nil when it is not stored.
    public func stat(_ digest: Digest) throws -> BlobInfo? {
        guard let path = blobPath(digest), let info = try POSIX.fileInfo(path), !info.isDirectory else { return nil }
        return BlobInfo(digest: digest, size: info.size)
    }

    /// Opens the blob (or a range of it) for reading.
    public func openReader(_ digest: Digest, range: Range<Int64>?) throws -> any BlobReader {
        guard let path = blobPath(digest), let fd = try POSIX.openIfPresent(path, O_RDONLY) else {
            throw BlobStoreError.blobNotFound(digest)
        }
        do {
            let size = try POSIX.size(fd, path: path)
            let span = try BlobRange.resolve(range, size: size)
            return FileSystemBlobReader(fd: fd, path: path, span: span)
        } catch {
            POSIX.close(fd)
            throw error
        }
    }

    /// Starts an empty upload session.
    public func createUpload(id: String) throws -> any BlobUploadWriter {
        guard let directory = uploadDirectory(id) else { throw BlobStoreError.backend("invalid upload id \"\(id)\"") }
        guard try POSIX.makeDirectory(directory) else { throw BlobStoreError.backend("upload \(id) already exists") }
        let fd: Int32
        do {
            fd = try POSIX.open(directory + "/data", O_RDWR | O_CREAT | O_EXCL)
        } catch {
            _ = try? POSIX.removeTree(directory)
            throw error
        }
        return FileSystemUploadWriter(store: self, id: id, fd: fd, offset: 0, hasher: .init())
    }

    /// Reopens an upload session at its last checkpoint, dropping bytes appended after it.
    public func resumeUpload(id: String) throws -> any BlobUploadWriter {
        guard let directory = uploadDirectory(id), let fd = try POSIX.openIfPresent(directory + "/data", O_RDWR) else {
            throw BlobStoreError.uploadNotFound(id)
        }
        do {
            var checkpoint = UploadCheckpoint(offset: 0, hasher: .init())
            if let bytes = try POSIX.readSmallFile(directory + "/state") {
                guard let decoded = UploadCheckpoint(decoding: bytes) else {
                    throw BlobStoreError.backend("upload \(id): unreadable checkpoint")
                }
                checkpoint = decoded
            }
            guard let hasher = checkpoint.hasher() else { throw BlobStoreError.backend("upload \(id): checkpoint from another build") }
            let size = try POSIX.size(fd, path: directory + "/data")
            guard size >= checkpoint.offset else {
                throw BlobStoreError.backend("upload \(id): data (\(size) bytes) is shorter than its checkpoint (\(checkpoint.offset))")
            }
            if size > checkpoint.offset {
                try POSIX.truncate(fd, to: checkpoint.offset, path: directory + "/data")
            }
            return FileSystemUploadWriter(store: self, id: id, fd: fd, offset: checkpoint.offset, hasher: hasher)
        } catch {
            POSIX.close(fd)
            throw error
        }
    }

    /// Removes an upload session and its bytes.
    public func cancelUpload(id: String) throws {
        guard let directory = uploadDirectory(id) else { return }
        try POSIX.removeTree(directory)
    }

    /// Removes a blob; no error when it is not stored.
    public func delete(_ digest: Digest) throws {
        guard let path = blobPath(digest) else { return }
        try POSIX.unlink(path)
    }

    /// Removes upload sessions with no activity (append or checkpoint) for more than `seconds`.
    /// - Returns: how many sessions were removed.
    public func purgeUploads(olderThan seconds: Double) throws -> Int {
        let cutoff = POSIX.now() - seconds
        var removed = 0
        for id in try POSIX.entries(uploadsDirectory) ?? [] {
            let directory = uploadsDirectory + "/" + id
            guard let info = try POSIX.fileInfo(directory), info.isDirectory else { continue }
            let data = try POSIX.fileInfo(directory + "/data")?.modified ?? info.modified
            let state = try POSIX.fileInfo(directory + "/state")?.modified ?? info.modified
            if max(data, state, info.modified) < cutoff {
                try POSIX.removeTree(directory)
                removed += 1
            }
        }
        return removed
    }

    // MARK: Layout

    /// `blobs/sha256/<first 2 hex>/<hex>`, or nil for a digest this store cannot hold.
    func blobPath(_ digest: Digest) -> String? {
        guard digest.algorithm == "sha256", digest.encoded.utf8.count == 64, digest.encoded.utf8.allSatisfy(Self.isHex) else { return nil }
        return shardDirectory(digest) + "/" + digest.encoded
    }

    func shardDirectory(_ digest: Digest) -> String {
        blobsDirectory + "/" + digest.encoded.prefix(2)
    }

    /// `uploads/<id>`, or nil when `id` could escape the uploads directory or is otherwise unusable.
    func uploadDirectory(_ id: String) -> String? {
        let bytes = id.utf8
        guard (1...128).contains(bytes.count), bytes.first != UInt8(ascii: "."), bytes.allSatisfy(Self.isIDCharacter) else { return nil }
        return uploadsDirectory + "/" + id
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    private static func isIDCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
        default: false
        }
    }
}
