import BerthBlobStore
import BerthCrypto
import BerthMetadata
import BerthModel
import BerthService
import Foundation
import Synchronization
import Testing

/// Two registry values over one SQLite file and one blob directory behave like two replicas: the host keeps each
/// upload's offset and hash state in the metadata store, so either continues the other's upload, and the upload
/// lease lets only one request write an upload at a time.
@Suite struct UploadReplicaTests {
    struct Replicas {
        let directory: String
        let first: Registry
        let second: Registry

        init(clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) throws {
            directory = NSTemporaryDirectory() + "berth-replicas-" + SecureRandom.uuid()
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            first = try Self.replica(directory, clock: clock)
            second = try Self.replica(directory, clock: clock)
            try first.createRepository(RepositoryRecord(name: "app", createdAt: 0))
        }

        static func replica(_ directory: String, clock: @escaping @Sendable () -> Double) throws -> Registry {
            let configuration = RegistryConfiguration(accountID: "123456789012", region: "us-east-1", publicURL: "http://127.0.0.1:5000/")
            return Registry(
                blobs: try FileSystemBlobStore(root: directory + "/blobs"), metadata: try SQLMetadataStore(path: directory + "/meta.db"),
                configuration: configuration, clock: clock)
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    @Test func anUploadBegunOnOneReplicaFinishesOnTheOther() async throws {
        let replicas = try Replicas()
        defer { replicas.remove() }
        let head = [UInt8](repeating: 1, count: 100_003)
        let tail = [UInt8](repeating: 2, count: 70_001)
        let id = try replicas.first.startUpload(repository: "app").id
        let upload = try replicas.first.openUpload(id: id, repository: "app")
        try head.withUnsafeBytes { try upload.append($0) }
        #expect(try await upload.finish() == Int64(head.count))

        let continued = try replicas.second.openUpload(id: id, repository: "app")
        #expect(continued.offset == Int64(head.count))
        try tail.withUnsafeBytes { try continued.append($0) }
        let digest = Digest(sha256Hex: SHA256Hasher.hexHash(head + tail))
        let layer = try await continued.commit(expecting: digest)
        #expect(layer.size == Int64(head.count + tail.count))
        #expect(try replicas.first.blob(digest, in: "app").size == layer.size)
        #expect(throws: RegistryError.uploadNotFound(id)) { try replicas.first.upload(id: id, repository: "app") }
    }

    @Test func aSecondReplicaCannotWriteAnUploadWhileARequestHoldsIt() async throws {
        let replicas = try Replicas()
        defer { replicas.remove() }
        let id = try replicas.first.startUpload(repository: "app").id
        let holder = try replicas.first.openUpload(id: id, repository: "app")
        try [UInt8](repeating: 7, count: 1000).withUnsafeBytes { try holder.append($0) }
        #expect(throws: RegistryError.uploadBusy(repository: "app", uploadID: id, bytesReceived: 0)) {
            try replicas.second.openUpload(id: id, repository: "app")
        }
        try await holder.finish()
        let next = try replicas.second.openUpload(id: id, repository: "app")
        #expect(next.offset == 1000)
        next.abandon()
    }

    @Test func bytesOfAFailedRequestAreDroppedAndTheHashStaysRight() async throws {
        let replicas = try Replicas()
        defer { replicas.remove() }
        let id = try replicas.first.startUpload(repository: "app").id
        let failed = try replicas.first.openUpload(id: id, repository: "app")
        try [UInt8](repeating: 9, count: 5000).withUnsafeBytes { try failed.append($0) }
        failed.abandon()
        let retried = try replicas.second.openUpload(id: id, repository: "app")
        #expect(retried.offset == 0)
        let bytes = [UInt8](repeating: 3, count: 4000)
        try bytes.withUnsafeBytes { try retried.append($0) }
        let layer = try await retried.commit(expecting: Digest(sha256Hex: SHA256Hasher.hexHash(bytes)))
        #expect(layer.size == 4000)
    }

    @Test func aDigestMismatchLeavesNoBlobAndNoUpload() async throws {
        let replicas = try Replicas()
        defer { replicas.remove() }
        let id = try replicas.first.startUpload(repository: "app").id
        let upload = try replicas.first.openUpload(id: id, repository: "app")
        try [UInt8](repeating: 4, count: 100).withUnsafeBytes { try upload.append($0) }
        let wrong = Digest(sha256Hex: SHA256Hasher.hexHash([1]))
        await #expect(throws: RegistryError.self) { try await upload.commit(expecting: wrong) }
        #expect(throws: RegistryError.uploadNotFound(id)) { try replicas.second.upload(id: id, repository: "app") }
        #expect(try replicas.second.blobs.listBlobs(after: nil, limit: 10).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: replicas.directory + "/blobs/uploads").isEmpty)
    }

    @Test func aLongBodyRenewsItsLeaseAndALostLeaseStopsTheWriter() async throws {
        let now = Mutex(0.0)
        let replicas = try Replicas(clock: { now.withLock { $0 } })
        defer { replicas.remove() }
        let chunk = [UInt8](repeating: 5, count: 100)
        let id = try replicas.first.startUpload(repository: "app").id
        let streaming = try replicas.first.openUpload(id: id, repository: "app")
        now.withLock { $0 = 400 }  // past a third of the 900 s lease: this append renews it until 1300
        try chunk.withUnsafeBytes { try streaming.append($0) }
        now.withLock { $0 = 1000 }
        #expect(throws: RegistryError.self) { try replicas.second.openUpload(id: id, repository: "app") }
        try await streaming.finish()

        let stalled = try replicas.first.openUpload(id: id, repository: "app")
        now.withLock { $0 = 3000 }  // the lease (until 1900) expired: another replica takes the upload over
        let takeover = try replicas.second.openUpload(id: id, repository: "app")
        #expect(throws: RegistryError.uploadBusy(repository: "app", uploadID: id, bytesReceived: 100)) {
            try chunk.withUnsafeBytes { try stalled.append($0) }
        }
        await #expect(throws: RegistryError.uploadBusy(repository: "app", uploadID: id, bytesReceived: 100)) {
            try await stalled.commit(expecting: Digest(sha256Hex: SHA256Hasher.hexHash(chunk)))
        }
        try chunk.withUnsafeBytes { try takeover.append($0) }
        #expect(try await takeover.finish() == 200)
    }
}
