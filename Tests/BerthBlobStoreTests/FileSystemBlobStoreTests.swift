import BerthBlobStore
import BerthCrypto
import BerthModel
import Foundation
import Testing

@Suite struct FileSystemBlobStoreTests {
    @Test func streams64MiBIn1MiBAppends() throws {
        let directory = try TemporaryDirectory()
        let store = try FileSystemBlobStore(root: directory.path)
        let writer = try store.createUpload(id: "big")
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var expected = SHA256Hasher()
        for index in 0..<64 {
            for position in stride(from: 0, to: chunk.count, by: 4096) { chunk[position] = UInt8(truncatingIfNeeded: index &* 31 &+ position >> 12) }
            try writer.append(chunk)
            expected.update(chunk)
        }
        let digest = Digest(sha256Hex: expected.finalizeHex())
        let info = try writer.commit(expecting: digest)
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
        let writer = try store.createUpload(id: "u1")
        try writer.append(bytes)
        let digest = try writer.commit(expecting: nil).digest
        let hex = digest.encoded
        let expectedPath = "\(directory.path)/blobs/sha256/\(hex.prefix(2))/\(hex)"
        #expect(store.localPath(for: digest) == expectedPath)
        #expect(FileManager.default.contents(atPath: expectedPath) == Data(bytes))
        #expect(directory.files(under: "uploads").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/uploads").isEmpty)
        #expect(store.localPath(for: Digest(sha256Hex: String(repeating: "0", count: 64))) == nil)
    }

    @Test func aNewStoreOverTheSameRootResumesAnUpload() throws {
        let directory = try TemporaryDirectory()
        let head = [UInt8](repeating: 1, count: 3_000_000)
        let tail = [UInt8](repeating: 2, count: 1_000_001)
        do {
            let store = try FileSystemBlobStore(root: directory.path)
            let writer = try store.createUpload(id: "restart")
            try writer.append(head)
            try writer.checkpoint()
            try writer.append([9, 9, 9])
            // No close: the process "dies" here.
        }
        let store = try FileSystemBlobStore(root: directory.path)
        let writer = try store.resumeUpload(id: "restart")
        #expect(writer.offset == Int64(head.count))
        try writer.append(tail)
        let info = try writer.commit(expecting: Digest(sha256Hex: SHA256Hasher.hexHash(head + tail)))
        #expect(info.size == Int64(head.count + tail.count))
        #expect(try store.openReader(info.digest, range: 2_999_999..<3_000_001).readAll() == [1, 2])
    }

    @Test func aFailedCommitLeavesNoBlobAndNoUpload() throws {
        let directory = try TemporaryDirectory()
        let store = try FileSystemBlobStore(root: directory.path)
        let writer = try store.createUpload(id: "bad")
        try writer.append([UInt8](repeating: 7, count: 100_000))
        try writer.checkpoint()
        let wrong = Digest(sha256Hex: SHA256Hasher.hexHash([1]))
        #expect(throws: BlobStoreError.self) { try writer.commit(expecting: wrong) }
        #expect(directory.files(under: "blobs").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/uploads").isEmpty)
    }

    @Test func uploadIDsCannotEscapeTheUploadsDirectory() throws {
        let directory = try TemporaryDirectory()
        let store = try FileSystemBlobStore(root: directory.path + "/store")
        for id in ["", ".", "..", "../escape", "a/b", ".hidden", String(repeating: "x", count: 200)] {
            #expect(throws: BlobStoreError.self, "id \(id)") { try store.createUpload(id: id) }
            #expect(throws: BlobStoreError.uploadNotFound(id)) { try store.resumeUpload(id: id) }
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

    @Test func aCorruptCheckpointIsReportedNotTrusted() throws {
        let directory = try TemporaryDirectory()
        let store = try FileSystemBlobStore(root: directory.path)
        let writer = try store.createUpload(id: "torn")
        try writer.append([1, 2, 3])
        try writer.checkpoint()
        writer.close()
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: directory.path + "/uploads/torn/state"))
        #expect(throws: BlobStoreError.self) { try store.resumeUpload(id: "torn") }
    }

    @Test func purgeRemovesOnlyIdleSessions() throws {
        let directory = try TemporaryDirectory()
        let store = try FileSystemBlobStore(root: directory.path)
        let old = try store.createUpload(id: "old")
        try old.append([1])
        old.close()
        let fresh = try store.createUpload(id: "fresh")
        try fresh.append([2])
        let past = Date(timeIntervalSinceNow: -3600)
        for path in ["/uploads/old", "/uploads/old/data"] {
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: directory.path + path)
        }
        #expect(try store.purgeUploads(olderThan: 60) == 1)
        #expect(throws: BlobStoreError.uploadNotFound("old")) { try store.resumeUpload(id: "old") }
        try fresh.append([3])
        #expect(try fresh.commit(expecting: nil).size == 2)
        #expect(try store.purgeUploads(olderThan: 0) == 0)
    }

    @Test func writersMoveBetweenThreads() async throws {
        let directory = try TemporaryDirectory()
        let store = try FileSystemBlobStore(root: directory.path)
        let writer = try store.createUpload(id: "hop")
        var expected: [UInt8] = []
        for index in 0..<8 {
            let part = [UInt8](repeating: UInt8(index), count: 10_000)
            try await Task.detached { try writer.append(part) }.value
            expected += part
        }
        let info = try await Task.detached { try writer.commit(expecting: nil) }.value
        #expect(info.digest.encoded == SHA256Hasher.hexHash(expected))
    }
}
