import BerthBlobStore
import BerthModel

// Cases: reading, ranges, deleting, unknown blobs.
extension BlobStoreConformance {
    static func readFullAndRanges(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let bytes = Sample.bytes(1000, seed: 8)
        let digest = try Sample.put(bytes, into: store).digest
        try check.contents(store, digest, equal: bytes)
        for range: Range<Int64> in [0..<1000, 0..<1, 10..<20, 999..<1000, 500..<1000, 1..<999] {
            try check.contents(store, digest, range: range, equal: Array(bytes[Int(range.lowerBound)..<Int(range.upperBound)]))
        }
    }

    static func readInSmallBuffers(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let bytes = Sample.bytes(10_007, seed: 9)
        let digest = try Sample.put(bytes, into: store).digest
        try check.contents(store, digest, equal: bytes, bufferSize: 7)
        try check.contents(store, digest, range: 3..<10_000, equal: Array(bytes[3..<10_000]), bufferSize: 1)
        let reader = try store.openReader(digest, range: nil)
        try check.equal(try reader.readAll(), bytes, "readAll")
        var buffer = [UInt8](repeating: 0, count: 16)
        try check.equal(try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }, 0, "read at the end")
        reader.close()
        reader.close()
    }

    static func invalidRanges(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let digest = try Sample.put(Sample.bytes(100, seed: 10), into: store).digest
        for range: Range<Int64> in [0..<101, 100..<101, 50..<50, 0..<0, 100..<100, -1..<10, 200..<300] {
            try check.throwsError(.invalidRange, "range \(range) of a 100-byte blob") { _ = try store.openReader(digest, range: range) }
        }
    }

    static func deleteBlob(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let keep = try Sample.put(Sample.bytes(10, seed: 11), into: store)
        let info = try Sample.put(Sample.bytes(10, seed: 12), into: store)
        try store.delete(info.digest)
        try check.equal(try store.stat(info.digest), nil, "stat after delete")
        try check.throwsError(.blobNotFound(info.digest), "read after delete") { _ = try store.openReader(info.digest, range: nil) }
        try store.delete(info.digest)
        try check.equal(try store.stat(keep.digest), keep, "another blob survives the delete")
        try check.equal(try Sample.put(Sample.bytes(10, seed: 12), into: store), info, "the deleted blob can be stored again")
    }

    static func unknownBlob(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let digest = Sample.digest(Array("never stored".utf8))
        try check.equal(try store.stat(digest), nil, "stat of an unknown blob")
        try check.throwsError(.blobNotFound(digest), "read of an unknown blob") { _ = try store.openReader(digest, range: nil) }
        try check.throwsError(.blobNotFound(digest), "ranged read of an unknown blob") { _ = try store.openReader(digest, range: 0..<1) }
        try store.delete(digest)
    }
}
