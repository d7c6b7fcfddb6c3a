import BerthBlobStore
import BerthModel

// Cases: the life of an upload session across requests (reopen at an offset, truncation, cancel, end).
extension BlobStoreConformance {
    static func cancelDiscardsSession(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        let bytes = Sample.bytes(5000, seed: 20)
        try store.createUpload(id: id)
        let writer = try store.openUpload(id: id, at: 0)
        try writer.write(bytes)
        try writer.flush()
        writer.close()
        try store.cancelUpload(id: id)
        try check.throwsError(.uploadNotFound(id), "open after cancel") { _ = try store.openUpload(id: id, at: 0) }
        try check.throwsError(.uploadNotFound(id), "commit after cancel") { _ = try store.commitUpload(id: id, size: 5000, as: Sample.digest(bytes)) }
        try check.equal(try store.stat(Sample.digest(bytes)), nil, "stat after cancel")
        try store.cancelUpload(id: id)
    }

    static func reopenContinuesAtOffset(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        let head = Sample.bytes(100_001, seed: 21)
        let tail = Sample.bytes(77_777, seed: 22)
        try store.createUpload(id: id)
        let writer = try store.openUpload(id: id, at: 0)
        try writer.write(head)
        try writer.flush()
        writer.close()
        let reopened = try store.openUpload(id: id, at: Int64(head.count))
        try check.equal(reopened.offset, Int64(head.count), "offset after reopening")
        try reopened.write(tail)
        reopened.close()
        let info = try store.commitUpload(id: id, size: Int64(head.count + tail.count), as: Sample.digest(head + tail))
        try check.equal(info.size, Int64(head.count + tail.count), "size of the continued upload")
        try check.contents(store, info.digest, equal: head + tail)
    }

    static func reopenDropsBytesPastOffset(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        let head = Sample.bytes(4096, seed: 23)
        let lost = Sample.bytes(9999, seed: 24)
        let tail = Sample.bytes(1234, seed: 25)
        try store.createUpload(id: id)
        let writer = try store.openUpload(id: id, at: 0)
        try writer.write(head + lost)
        writer.close()
        let reopened = try store.openUpload(id: id, at: Int64(head.count))
        try reopened.write(tail)
        reopened.close()
        let info = try store.commitUpload(id: id, size: Int64(head.count + tail.count), as: Sample.digest(head + tail))
        try check.contents(store, info.digest, equal: head + tail)
    }

    static func reopenPastTheEndFails(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        try store.createUpload(id: id)
        let writer = try store.openUpload(id: id, at: 0)
        try writer.write(Sample.bytes(300, seed: 26))
        writer.close()
        try check.throwsSomething("open at 301 of a 300-byte session") { _ = try store.openUpload(id: id, at: 301) }
        try check.equal(try store.openUpload(id: id, at: 300).offset, 300, "open at its end")
    }

    static func reopenRepeatedly(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        var sent: [UInt8] = []
        try store.createUpload(id: id)
        for part in 0..<5 {
            let writer = try store.openUpload(id: id, at: Int64(sent.count))
            try check.equal(writer.offset, Int64(sent.count), "offset of request \(part)")
            let bytes = Sample.bytes(65_536 + part, seed: UInt64(30 + part))
            try writer.write(bytes)
            try writer.flush()
            writer.close()
            sent += bytes
        }
        let info = try store.commitUpload(id: id, size: Int64(sent.count), as: Sample.digest(sent))
        try check.contents(store, info.digest, equal: sent)
    }

    static func writeAfterCloseFails(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        try store.createUpload(id: id)
        let writer = try store.openUpload(id: id, at: 0)
        writer.close()
        try check.throwsSomething("write through a closed handle") { try writer.write([1]) }
        writer.close()
        try store.cancelUpload(id: id)
    }

    static func unknownUpload(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        try check.throwsError(.uploadNotFound(id), "open of an unknown upload") { _ = try store.openUpload(id: id, at: 0) }
        try check.throwsError(.uploadNotFound(id), "commit of an unknown upload") {
            _ = try store.commitUpload(id: id, size: 0, as: Sample.digest([]))
        }
        try store.cancelUpload(id: id)
    }
}
