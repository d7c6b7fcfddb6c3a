import BerthBlobStore
import BerthModel

// Cases: putting blobs through upload sessions.
extension BlobStoreConformance {
    static func emptyBlob(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let writer = try store.createUpload(id: Sample.uploadID())
        try check.equal(writer.offset, 0, "offset of a new session")
        let digest = Sample.digest([])
        try check.equal(writer.currentDigest(), digest, "digest of a new session")
        let info = try writer.commit(expecting: digest)
        try check.equal(info, BlobInfo(digest: digest, size: 0), "commit of an empty blob")
        try check.equal(try store.stat(digest), info, "stat of the empty blob")
        try check.contents(store, digest, equal: [])
        try check.throwsError(.invalidRange, "range 0..<1 of an empty blob") { _ = try store.openReader(digest, range: 0..<1) }
    }

    static func smallBlob(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let bytes = Array("hello, berth".utf8)
        let writer = try store.createUpload(id: Sample.uploadID())
        try writer.append(bytes)
        let info = try writer.commit(expecting: Sample.digest(bytes))
        try check.equal(info, BlobInfo(digest: Sample.digest(bytes), size: Int64(bytes.count)), "commit of a small blob")
        try check.equal(try store.stat(info.digest), info, "stat of the small blob")
        try check.contents(store, info.digest, equal: bytes)
    }

    static func largeBlob(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let bytes = Sample.bytes(5 * 1_048_576 + 12_345, seed: 7)
        let writer = try store.createUpload(id: Sample.uploadID())
        var start = 0
        var chunk = 1
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            try writer.append(Array(bytes[start..<end]))
            start = end
            chunk = chunk * 3 % 300_007 + 1
        }
        try check.equal(writer.offset, Int64(bytes.count), "offset after streaming")
        let info = try writer.commit(expecting: Sample.digest(bytes))
        try check.equal(info.size, Int64(bytes.count), "size of the large blob")
        try check.equal(try store.stat(info.digest)?.size, Int64(bytes.count), "stat of the large blob")
        try check.contents(store, info.digest, equal: bytes, bufferSize: 100_000)
    }

    static func commitWithoutExpectedDigest(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let bytes = Sample.bytes(1000, seed: 2)
        let writer = try store.createUpload(id: Sample.uploadID())
        try writer.append(bytes)
        let info = try writer.commit(expecting: nil)
        try check.equal(info, BlobInfo(digest: Sample.digest(bytes), size: 1000), "commit without an expected digest")
        try check.contents(store, info.digest, equal: bytes)
    }

    static func offsetAndCurrentDigestFollowAppends(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let writer = try store.createUpload(id: Sample.uploadID())
        var sent: [UInt8] = []
        for size in [1, 0, 17, 4096, 3] {
            let part = Sample.bytes(size, seed: UInt64(size + 11))
            try writer.append(part)
            sent += part
            try check.equal(writer.offset, Int64(sent.count), "offset after appending \(size) bytes")
            try check.equal(writer.currentDigest(), Sample.digest(sent), "current digest after appending \(size) bytes")
        }
        try writer.append(UnsafeRawBufferPointer(start: nil, count: 0))
        try check.equal(writer.offset, Int64(sent.count), "offset after an empty append")
        try check.equal(try writer.commit(expecting: Sample.digest(sent)).size, Int64(sent.count), "committed size")
    }

    static func digestMismatchStoresNothing(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        let bytes = Sample.bytes(70_000, seed: 3)
        let wrong = Sample.digest(Array("something else".utf8))
        let writer = try store.createUpload(id: id)
        try writer.append(bytes)
        try writer.checkpoint()
        try check.throwsError(.digestMismatch(expected: wrong, computed: Sample.digest(bytes)), "commit expecting another digest") {
            _ = try writer.commit(expecting: wrong)
        }
        try check.equal(try store.stat(Sample.digest(bytes)), nil, "stat of the computed digest after a mismatch")
        try check.equal(try store.stat(wrong), nil, "stat of the expected digest after a mismatch")
        try check.throwsError(.uploadNotFound(id), "resume after a mismatch") { _ = try store.resumeUpload(id: id) }
        try check.throwsError(.uploadNotFound(id), "commit again after a mismatch") { _ = try writer.commit(expecting: nil) }
    }

    static func unsupportedDigestAlgorithm(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        guard let sha512 = Digest(parsing: "sha512:" + String(repeating: "ab", count: 64)) else { throw check.fail("bad sample digest") }
        let bytes = Array("data".utf8)
        let writer = try store.createUpload(id: Sample.uploadID())
        try writer.append(bytes)
        try check.throwsError(.unsupportedDigest(sha512), "commit expecting a sha512 digest") { _ = try writer.commit(expecting: sha512) }
        try check.equal(try store.stat(sha512), nil, "stat of a sha512 digest")
        try check.equal(writer.offset, Int64(bytes.count), "the session is left as it was")
        try check.equal(try writer.commit(expecting: Sample.digest(bytes)).size, Int64(bytes.count), "commit after the refusal")
    }

    static func commitOfExistingBlob(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let bytes = Sample.bytes(10_000, seed: 4)
        let first = try Sample.put(bytes, into: store)
        let id = Sample.uploadID()
        let writer = try store.createUpload(id: id)
        try writer.append(bytes)
        try check.equal(try writer.commit(expecting: first.digest), first, "second commit of the same bytes")
        try check.throwsError(.uploadNotFound(id), "resume of the second session") { _ = try store.resumeUpload(id: id) }
        try check.contents(store, first.digest, equal: bytes)
    }

    static func interleavedSessions(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let a = Sample.bytes(30_000, seed: 5)
        let b = Sample.bytes(20_000, seed: 6)
        let first = try store.createUpload(id: Sample.uploadID())
        let second = try store.createUpload(id: Sample.uploadID())
        for index in stride(from: 0, to: 30_000, by: 10_000) {
            try first.append(Array(a[index..<(index + 10_000)]))
            if index < 20_000 { try second.append(Array(b[index..<(index + 10_000)])) }
        }
        try check.equal(try second.commit(expecting: Sample.digest(b)).size, 20_000, "second interleaved session")
        try check.equal(try first.commit(expecting: Sample.digest(a)).size, 30_000, "first interleaved session")
        try check.contents(store, Sample.digest(a), equal: a)
        try check.contents(store, Sample.digest(b), equal: b)
    }

    static func duplicateUploadIDFails(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        let writer = try store.createUpload(id: id)
        try writer.append([1, 2, 3])
        try check.throwsSomething("creating a session whose id is taken") { _ = try store.createUpload(id: id) }
        try check.equal(try writer.commit(expecting: Sample.digest([1, 2, 3])).size, 3, "the first session is intact")
    }
}
