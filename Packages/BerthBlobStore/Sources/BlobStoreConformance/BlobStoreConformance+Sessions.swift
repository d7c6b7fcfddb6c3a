import BerthBlobStore
import BerthModel

// Cases: the life of an upload session (checkpoint, resume, cancel, end).
extension BlobStoreConformance {
    static func cancelDiscardsSession(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        let bytes = Sample.bytes(5000, seed: 20)
        let writer = try store.createUpload(id: id)
        try writer.append(bytes)
        try writer.checkpoint()
        try store.cancelUpload(id: id)
        try check.throwsError(.uploadNotFound(id), "resume after cancel") { _ = try store.resumeUpload(id: id) }
        try check.throwsError(.uploadNotFound(id), "commit through a handle after cancel") { _ = try writer.commit(expecting: nil) }
        try check.equal(try store.stat(Sample.digest(bytes)), nil, "stat after cancel")
        try store.cancelUpload(id: id)
    }

    static func resumeAfterCheckpointContinuesHashing(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        let head = Sample.bytes(100_001, seed: 21)
        let tail = Sample.bytes(77_777, seed: 22)
        let writer = try store.createUpload(id: id)
        try writer.append(head)
        try writer.checkpoint()
        writer.close()
        let resumed = try store.resumeUpload(id: id)
        try check.equal(resumed.id, id, "id of the resumed session")
        try check.equal(resumed.offset, Int64(head.count), "offset after resume")
        try check.equal(resumed.currentDigest(), Sample.digest(head), "digest after resume")
        try resumed.append(tail)
        let info = try resumed.commit(expecting: Sample.digest(head + tail))
        try check.equal(info.size, Int64(head.count + tail.count), "size of the resumed upload")
        try check.contents(store, info.digest, equal: head + tail)
    }

    static func resumeTruncatesBytesPastCheckpoint(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        let head = Sample.bytes(4096, seed: 23)
        let lost = Sample.bytes(9999, seed: 24)
        let tail = Sample.bytes(1234, seed: 25)
        let writer = try store.createUpload(id: id)
        try writer.append(head)
        try writer.checkpoint()
        try writer.append(lost)
        writer.close()
        let resumed = try store.resumeUpload(id: id)
        try check.equal(resumed.offset, Int64(head.count), "offset after resume past a checkpoint")
        try check.equal(resumed.currentDigest(), Sample.digest(head), "digest after resume past a checkpoint")
        try resumed.append(tail)
        let info = try resumed.commit(expecting: Sample.digest(head + tail))
        try check.contents(store, info.digest, equal: head + tail)
        try check.equal(try store.stat(Sample.digest(head + lost)), nil, "the uncheckpointed bytes were not stored")
    }

    static func resumeWithoutCheckpointStartsAtZero(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        let writer = try store.createUpload(id: id)
        try writer.append(Sample.bytes(300, seed: 26))
        writer.close()
        let resumed = try store.resumeUpload(id: id)
        try check.equal(resumed.offset, 0, "offset of a session never checkpointed")
        try check.equal(resumed.currentDigest(), Sample.digest([]), "digest of a session never checkpointed")
        let bytes = Sample.bytes(10, seed: 27)
        try resumed.append(bytes)
        try check.equal(try resumed.commit(expecting: Sample.digest(bytes)).size, 10, "commit after resuming at zero")
    }

    static func resumeRepeatedly(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        var sent: [UInt8] = []
        var writer = try store.createUpload(id: id)
        for part in 0..<5 {
            let bytes = Sample.bytes(65_536 + part, seed: UInt64(30 + part))
            try writer.append(bytes)
            sent += bytes
            try writer.checkpoint()
            writer.close()
            writer = try store.resumeUpload(id: id)
            try check.equal(writer.offset, Int64(sent.count), "offset after resume \(part)")
        }
        let info = try writer.commit(expecting: Sample.digest(sent))
        try check.contents(store, info.digest, equal: sent)
    }

    static func sessionEndsAfterCommit(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        let writer = try store.createUpload(id: id)
        try writer.append([42])
        _ = try writer.commit(expecting: nil)
        try check.throwsError(.uploadNotFound(id), "append after commit") { try writer.append([1]) }
        try check.throwsError(.uploadNotFound(id), "commit after commit") { _ = try writer.commit(expecting: nil) }
        try check.throwsError(.uploadNotFound(id), "resume after commit") { _ = try store.resumeUpload(id: id) }
        writer.close()
        try store.cancelUpload(id: id)
    }

    static func unknownUpload(_ check: ConformanceCheck, _ store: any BlobStore) throws {
        let id = Sample.uploadID()
        try check.throwsError(.uploadNotFound(id), "resume of an unknown upload") { _ = try store.resumeUpload(id: id) }
        try store.cancelUpload(id: id)
    }
}
