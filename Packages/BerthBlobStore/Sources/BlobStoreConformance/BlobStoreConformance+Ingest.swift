import BerthBlobStore
import BerthModel

// Cases: putting blobs through upload sessions.
extension BlobStoreConformance {
    static func emptyBlob(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        try store.createUpload(id: id)
        let digest = Sample.digest([])
        let info = try store.commitUpload(id: id, size: 0, as: digest)
        try check.equal(info, BlobInfo(digest: digest, size: 0), "commit of an empty blob")
        try check.equal(try store.stat(digest), info, "stat of the empty blob")
        try check.contents(store, digest, equal: [])
        try check.throwsError(.invalidRange, "range 0..<1 of an empty blob") { _ = try store.openReader(digest, range: 0..<1) }
    }

    static func smallBlob(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let bytes = Array("hello, berth".utf8)
        let info = try Sample.put(bytes, into: store)
        try check.equal(info, BlobInfo(digest: Sample.digest(bytes), size: Int64(bytes.count)), "commit of a small blob")
        try check.equal(try store.stat(info.digest), info, "stat of the small blob")
        try check.contents(store, info.digest, equal: bytes)
    }

    static func largeBlob(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let bytes = Sample.bytes(5 * 1_048_576 + 12_345, seed: 7)
        let id = Sample.uploadID()
        try store.createUpload(id: id)
        let writer = try store.openUpload(id: id, at: 0)
        var start = 0
        var chunk = 1
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            try writer.write(Array(bytes[start..<end]))
            start = end
            chunk = chunk * 3 % 300_007 + 1
        }
        try check.equal(writer.offset, Int64(bytes.count), "offset after streaming")
        try writer.flush()
        writer.close()
        let info = try store.commitUpload(id: id, size: Int64(bytes.count), as: Sample.digest(bytes))
        try check.equal(info.size, Int64(bytes.count), "size of the large blob")
        try check.equal(try store.stat(info.digest)?.size, Int64(bytes.count), "stat of the large blob")
        try check.contents(store, info.digest, equal: bytes, bufferSize: 100_000)
    }

    static func offsetFollowsWrites(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        try store.createUpload(id: id)
        let writer = try store.openUpload(id: id, at: 0)
        var sent: [UInt8] = []
        for size in [1, 0, 17, 4096, 3] {
            let part = Sample.bytes(size, seed: UInt64(size + 11))
            try writer.write(part)
            sent += part
            try check.equal(writer.offset, Int64(sent.count), "offset after writing \(size) bytes")
        }
        try writer.write(UnsafeRawBufferPointer(start: nil, count: 0))
        try check.equal(writer.offset, Int64(sent.count), "offset after an empty write")
        writer.close()
        try check.equal(try store.commitUpload(id: id, size: Int64(sent.count), as: Sample.digest(sent)).size, Int64(sent.count), "committed size")
        try check.contents(store, Sample.digest(sent), equal: sent)
    }

    static func commitTakesOnlyTheGivenSize(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        let bytes = Sample.bytes(9000, seed: 3)
        try store.createUpload(id: id)
        let writer = try store.openUpload(id: id, at: 0)
        try writer.write(bytes)
        writer.close()
        let head = Array(bytes[..<5000])
        try check.equal(try store.commitUpload(id: id, size: 5000, as: Sample.digest(head)).size, 5000, "commit of the first 5000 bytes")
        try check.contents(store, Sample.digest(head), equal: head)
        try check.throwsError(.uploadNotFound(id), "open after the commit") { _ = try store.openUpload(id: id, at: 0) }
    }

    static func commitLongerThanSessionFails(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        try store.createUpload(id: id)
        let writer = try store.openUpload(id: id, at: 0)
        try writer.write([1, 2, 3])
        writer.close()
        try check.throwsSomething("commit of 4 bytes from a 3-byte session") {
            _ = try store.commitUpload(id: id, size: 4, as: Sample.digest([1, 2, 3, 4]))
        }
        try check.equal(try store.stat(Sample.digest([1, 2, 3, 4])), nil, "nothing stored")
        try check.equal(try store.commitUpload(id: id, size: 3, as: Sample.digest([1, 2, 3])).size, 3, "the session is intact")
    }

    static func commitOfExistingBlob(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let bytes = Sample.bytes(10_000, seed: 4)
        let first = try Sample.put(bytes, into: store)
        let id = Sample.uploadID()
        try store.createUpload(id: id)
        let writer = try store.openUpload(id: id, at: 0)
        try writer.write(bytes)
        writer.close()
        try check.equal(try store.commitUpload(id: id, size: 10_000, as: first.digest), first, "second commit of the same bytes")
        try check.throwsError(.uploadNotFound(id), "open of the second session") { _ = try store.openUpload(id: id, at: 0) }
        try check.contents(store, first.digest, equal: bytes)
    }

    static func interleavedSessions(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let a = Sample.bytes(30_000, seed: 5)
        let b = Sample.bytes(20_000, seed: 6)
        let (idA, idB) = (Sample.uploadID(), Sample.uploadID())
        try store.createUpload(id: idA)
        try store.createUpload(id: idB)
        let first = try store.openUpload(id: idA, at: 0)
        let second = try store.openUpload(id: idB, at: 0)
        for index in stride(from: 0, to: 30_000, by: 10_000) {
            try first.write(Array(a[index..<(index + 10_000)]))
            if index < 20_000 { try second.write(Array(b[index..<(index + 10_000)])) }
        }
        first.close()
        second.close()
        try check.equal(try store.commitUpload(id: idB, size: 20_000, as: Sample.digest(b)).size, 20_000, "second interleaved session")
        try check.equal(try store.commitUpload(id: idA, size: 30_000, as: Sample.digest(a)).size, 30_000, "first interleaved session")
        try check.contents(store, Sample.digest(a), equal: a)
        try check.contents(store, Sample.digest(b), equal: b)
    }

    static func duplicateUploadIDFails(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        try store.createUpload(id: id)
        let writer = try store.openUpload(id: id, at: 0)
        try writer.write([1, 2, 3])
        writer.close()
        try check.throwsSomething("creating a session whose id is taken") { try store.createUpload(id: id) }
        try check.equal(try store.commitUpload(id: id, size: 3, as: Sample.digest([1, 2, 3])).size, 3, "the first session is intact")
    }

    static func listBlobsInDigestOrder(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        try check.equal(try store.listBlobs(after: nil, limit: 10), [], "an empty store")
        let infos = try (0..<5).map { try Sample.put(Sample.bytes(100 + $0, seed: UInt64(40 + $0)), into: store) }
        let sorted = infos.sorted { $0.digest.description < $1.digest.description }
        try check.equal(try store.listBlobs(after: nil, limit: 10), sorted, "every blob, in digest order, with sizes")
        try check.equal(try store.listBlobs(after: nil, limit: 2), Array(sorted[..<2]), "the first page")
        try check.equal(try store.listBlobs(after: sorted[1].digest, limit: 2), Array(sorted[2..<4]), "the next page starts after the cursor")
        try check.equal(try store.listBlobs(after: sorted[4].digest, limit: 2), [], "after the last")
        try check.equal(try store.listBlobs(after: nil, limit: 0), [], "limit 0")
        try store.delete(sorted[0].digest)
        try check.equal(try store.listBlobs(after: nil, limit: 10), Array(sorted[1...]), "a deleted blob is not listed")
        let id = Sample.uploadID()
        try store.createUpload(id: id)
        try check.equal(try store.listBlobs(after: nil, limit: 10).count, 4, "upload sessions are not blobs")
    }
}
