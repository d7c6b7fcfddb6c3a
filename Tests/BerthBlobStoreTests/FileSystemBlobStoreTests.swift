import BerthBlobStore
import BerthCrypto
import BerthModel
import Foundation
import Testing

@Suite struct FileSystemBlobStoreTests {
    @Test func streams64MiBIn1MiBWrites() throws {
        let directory = try TemporaryDirectory()
        let store = try FileSystemBlobStore(root: directory.path)
        try store.createUpload(id: "big")
        let writer = try store.openUpload(id: "big", at: 0)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var expected = SHA256Hasher()
        for index in 0..<64 {
            for position in stride(from: 0, to: chunk.count, by: 4096) { chunk[position] = UInt8(truncatingIfNeeded: index &* 31 &+ position >> 12) }
            try writer.write(chunk)
            expected.update(chunk)
        }
        writer.close()
        let digest = Digest(sha256Hex: expected.finalizeHex())
        let info = try store.commitUpload(id: "big", size: 64 << 20, as: digest)
        #expect(info == BlobInfo(digest: digest, size: 64 << 20))

        let reader = try store.openReader(digest, range: nil)
        defer { reader.close() }
        var readBack = SHA256Hasher()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        while true {
            let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
            if count == 0 { break }
            buffer.withUnsafeBytes { readBack.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            total += count
        }
        #expect(total == 64 << 20)
        #expect(readBack.finalizeHex() == digest.encoded)
    }

    @Test func committedBlobsLiveAtTheirShardedPath() throws {
        let directory = try TemporaryDirectory()
        let store = try FileSystemBlobStore(root: directory.path)
        let bytes = Array("layout".utf8)
        try store.createUpload(id: "u1")
        try store.openUpload(id: "u1", at: 0).write(bytes)
        let digest = try store.commitUpload(id: "u1", size: Int64(bytes.count), as: Digest(sha256Hex: SHA256Hasher.hexHash(bytes))).digest
        let hex = digest.encoded
        let expectedPath = "\(directory.path)/blobs/sha256/\(hex.prefix(2))/\(hex)"
        #expect(store.localPath(for: digest) == expectedPath)
        #expect(FileManager.default.contents(atPath: expectedPath) == Data(bytes))
        #expect(directory.files(under: "uploads").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/uploads").isEmpty)
        #expect(store.localPath(for: Digest(sha256Hex: String(repeating: "0", count: 64))) == nil)
    }

    @Test func aNewStoreOverTheSameRootContinuesAnUploadAtItsRecordedOffset() throws {
        let directory = try TemporaryDirectory()
        let head = [UInt8](repeating: 1, count: 3_000_000)
        let tail = [UInt8](repeating: 2, count: 1_000_001)
        do {
            let store = try FileSystemBlobStore(root: directory.path)
            try store.createUpload(id: "restart")
            let writer = try store.openUpload(id: "restart", at: 0)
            try writer.write(head)
            try writer.flush()
            try writer.write([9, 9, 9])
            // No close, and the host never recorded the last 3 bytes: the process "dies" here.
        }
        let store = try FileSystemBlobStore(root: directory.path)
        let writer = try store.openUpload(id: "restart", at: Int64(head.count))
        #expect(writer.offset == Int64(head.count))
        try writer.write(tail)
        writer.close()
        let info = try store.commitUpload(
            id: "restart", size: Int64(head.count + tail.count), as: Digest(sha256Hex: SHA256Hasher.hexHash(head + tail)))
        #expect(info.size == Int64(head.count + tail.count))
        #expect(try store.openReader(info.digest, range: 2_999_999..<3_000_001).readAll() == [1, 2])
    }

    @Test func uploadIDsCannotEscapeTheUploadsDirectory() throws {
        let directory = try TemporaryDirectory()
        let store = try FileSystemBlobStore(root: directory.path + "/store")
        for id in ["", ".", "..", "../escape", "a/b", ".hidden", String(repeating: "x", count: 200)] {
            #expect(throws: BlobStoreError.self, "id \(id)") { try store.createUpload(id: id) }
            #expect(throws: BlobStoreError.uploadNotFound(id)) { try store.openUpload(id: id, at: 0) }
            try store.cancelUpload(id: id)
        }
        #expect(FileManager.default.fileExists(atPath: directory.path + "/store"))
    }

    @Test func malformedDigestsFindNothing() throws {
        let directory = try TemporaryDirectory()
        let store = try FileSystemBlobStore(root: directory.path)
        let sneaky = Digest(sha256Hex: "../../../../etc/passwd")
        #expect(try store.stat(sneaky) == nil)
        #expect(store.localPath(for: sneaky) == nil)
        #expect(throws: BlobStoreError.blobNotFound(sneaky)) { try store.openReader(sneaky, range: nil) }
        try store.delete(sneaky)
    }

    @Test func listBlobsSkipsForeignFiles() throws {
        let directory = try TemporaryDirectory()
        let store = try FileSystemBlobStore(root: directory.path)
        try store.createUpload(id: "u")
        try store.openUpload(id: "u", at: 0).write([1, 2])
        let info = try store.commitUpload(id: "u", size: 2, as: Digest(sha256Hex: SHA256Hasher.hexHash([1, 2])))
        let shard = directory.path + "/blobs/sha256/" + info.digest.encoded.prefix(2)
        try Data([0]).write(to: URL(fileURLWithPath: shard + "/not-a-digest"))
        try FileManager.default.createDirectory(atPath: directory.path + "/blobs/sha256/zz", withIntermediateDirectories: true)
        #expect(try store.listBlobs(after: nil, limit: 10) == [info])
    }

    @Test func writersMoveBetweenThreads() async throws {
        let directory = try TemporaryDirectory()
        let store = try FileSystemBlobStore(root: directory.path)
        try store.createUpload(id: "hop")
        let writer = try store.openUpload(id: "hop", at: 0)
        var expected: [UInt8] = []
        for index in 0..<8 {
            let part = [UInt8](repeating: UInt8(index), count: 10_000)
            try await Task.detached { try writer.write(part) }.value
            expected += part
        }
        try await Task.detached { try writer.flush() }.value
        let digest = Digest(sha256Hex: SHA256Hasher.hexHash(expected))
        let info = try await Task.detached { try store.commitUpload(id: "hop", size: Int64(expected.count), as: digest) }.value
        #expect(info.digest == digest)
    }
}
