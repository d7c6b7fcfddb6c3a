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
/// - `uploads/<id>/data`: the bytes of an upload session, written in place at their offset (the host keeps the
///   offset and hash state in the metadata store).
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
    public func createUpload(id: String) throws {
        guard let directory = uploadDirectory(id) else { throw BlobStoreError.backend("invalid upload id \"\(id)\"") }
        guard try POSIX.makeDirectory(directory) else { throw BlobStoreError.backend("upload \(id) already exists") }
        do {
            POSIX.close(try POSIX.open(directory + "/data", O_RDWR | O_CREAT | O_EXCL))
        } catch {
            _ = try? POSIX.removeTree(directory)
            throw error
        }
    }

    /// Opens an upload session for writing at `offset`, dropping bytes after it.
    public func openUpload(id: String, at offset: Int64) throws -> any BlobUploadWriter {
        let (fd, path) = try openUploadData(id, holding: offset)
        return FileSystemUploadWriter(id: id, fd: fd, path: path, offset: offset)
    }

    /// Syncs the session's first `size` bytes and renames them into the blob tree (unless the blob is there).
    @discardableResult public func commitUpload(id: String, size: Int64, as digest: Digest) throws -> BlobInfo {
        guard let target = blobPath(digest) else { throw BlobStoreError.backend("cannot store digest \(digest)") }
        let (fd, dataPath) = try openUploadData(id, holding: size)
        defer { POSIX.close(fd) }
        if try POSIX.fileInfo(target) == nil {
            try POSIX.sync(fd, path: dataPath)
            if try POSIX.makeDirectory(shardDirectory(digest)) {
                try POSIX.syncDirectory(blobsDirectory)
            }
            try POSIX.rename(dataPath, target)
            try POSIX.syncDirectory(shardDirectory(digest))
        }
        try POSIX.removeTree(uploadsDirectory + "/" + id)
        return BlobInfo(digest: digest, size: size)
    }

    /// The session's data file, open for writing and cut to `length` bytes.
    private func openUploadData(_ id: String, holding length: Int64) throws -> (Int32, String) {
        guard let directory = uploadDirectory(id), let fd = try POSIX.openIfPresent(directory + "/data", O_RDWR) else {
            throw BlobStoreError.uploadNotFound(id)
        }
        let path = directory + "/data"
        do {
            let size = try POSIX.size(fd, path: path)
            guard size >= length else {
                throw BlobStoreError.backend("upload \(id): data (\(size) bytes) is shorter than its recorded offset (\(length))")
            }
            if size > length { try POSIX.truncate(fd, to: length, path: path) }
            return (fd, path)
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

    /// Stored blobs sorted by digest, strictly after `after`, at most `limit`.
    public func listBlobs(after: Digest?, limit: Int) throws -> [BlobInfo] {
        guard limit > 0 else { return [] }
        let start = after.map(\.encoded) ?? ""
        var found: [BlobInfo] = []
        for shard in (try POSIX.entries(blobsDirectory) ?? []).sorted() where shard.utf8.count == 2 && shard >= String(start.prefix(2)) {
            for name in (try POSIX.entries(blobsDirectory + "/" + shard) ?? []).sorted() where name > start {
                let digest = Digest(sha256Hex: name)
                guard let path = blobPath(digest), let info = try POSIX.fileInfo(path), !info.isDirectory else { continue }
                found.append(BlobInfo(digest: digest, size: info.size))
                if found.count == limit { return found }
            }
        }
        return found
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
