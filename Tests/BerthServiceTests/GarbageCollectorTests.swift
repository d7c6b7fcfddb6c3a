import BerthBlobStore
import BerthCrypto
import BerthMetadata
import BerthModel
import BerthService
import Foundation
import Synchronization
import Testing

/// Garbage collection over memory stores with a clock the test moves: what goes, what stays, and the fence that keeps
/// a concurrent push whole.
@Suite struct GarbageCollectorTests {
    final class Clock: Sendable {
        let now = Mutex(1_800_000_000.0)
        func advance(_ seconds: Double) { now.withLock { $0 += seconds } }
        var read: @Sendable () -> Double { { self.now.withLock { $0 } } }
    }

    struct World {
        let clock = Clock()
        let blobs = MemoryBlobStore()
        let metadata = MemoryMetadataStore()
        let registry: Registry
        let collector: GarbageCollector

        init() throws {
            let configuration = RegistryConfiguration(accountID: "123456789012", region: "us-east-1", publicURL: "http://127.0.0.1:5000/")
            registry = Registry(blobs: blobs, metadata: metadata.scoped(toRegistry: "us-east-1"), configuration: configuration, clock: clock.read)
            collector = GarbageCollector(blobs: blobs, metadata: metadata, clock: clock.read)
            try registry.createRepository(RepositoryRecord(name: "app", createdAt: 0))
        }

        /// Uploads `bytes` into `app` through the registry's one upload path.
        @discardableResult func upload(_ bytes: [UInt8]) async throws -> Digest {
            let id = try registry.startUpload(repository: "app").id
            let upload = try registry.openUpload(id: id, repository: "app")
            try bytes.withUnsafeBytes { try upload.append($0) }
            let digest = Digest(sha256Hex: SHA256Hasher.hexHash(bytes))
            _ = try await upload.commit(expecting: digest)
            return digest
        }

        /// Pushes an image manifest referencing `config` and `layers`, tagged `tag`.
        func pushImage(config: Digest, layers: [Digest], tag: String) throws {
            let entries = ([config] + layers).map { "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"\($0)\",\"size\":1}" }
            let manifest = """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
                "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"\(config)","size":1},\
                "layers":[\(entries.dropFirst().joined(separator: ","))]}
                """
            _ = try registry.putManifest(repository: "app", bytes: Array(manifest.utf8), declaredMediaType: nil, tag: tag, expectedDigest: nil)
        }

        func stored(_ digest: Digest) throws -> Bool { try blobs.stat(digest) != nil }
    }

    @Test func referencedAndRecentlyUsedBlobsStayTheRestGo() async throws {
        let world = try World()
        let config = try await world.upload(Array("config".utf8))
        let layer = try await world.upload(Array("layer".utf8))
        let orphan = try await world.upload(Array("orphan".utf8))
        try world.pushImage(config: config, layers: [layer], tag: "v1")
        #expect(try world.collector.preview(grace: 60).blobs.isEmpty, "within the grace period every link keeps its blob")
        world.clock.advance(120)
        let preview = try world.collector.preview(grace: 60)
        #expect(preview.blobs.map(\.digest) == [orphan.description])
        #expect(preview.blobsScanned == 3)
        let report = try world.collector.collect(grace: 60)
        #expect(report.blobs == preview.blobs, "the preview shows exactly what goes")
        #expect(report.bytes == 6)
        #expect(try world.stored(config) && world.stored(layer))
        #expect(try !world.stored(orphan))
        #expect(try world.registry.findLayer(in: "app", digest: orphan) == nil, "its link went with it")
        _ = try world.registry.deleteImage(in: "app", digest: nil, tag: "v1")
        #expect(try world.collector.collect(grace: 60).blobs.count == 2, "a deleted image's blobs go at the next pass")
    }

    @Test func anExistenceCheckKeepsABlobForTheGracePeriod() async throws {
        let world = try World()
        let layer = try await world.upload(Array("shared".utf8))
        world.clock.advance(120)
        #expect(try world.registry.availableLayer(in: "app", digest: layer) != nil, "a client is told it exists")
        world.clock.advance(30)
        #expect(try world.collector.collect(grace: 60).blobs.isEmpty, "so it stays while that push finishes")
        world.clock.advance(60)
        #expect(try world.collector.collect(grace: 60).blobs.count == 1)
        #expect(try world.registry.availableLayer(in: "app", digest: layer) == nil, "once claimed, a check says unknown: the client uploads")
    }

    @Test func aCommitWaitsForAClaimThenWritesTheBytesAgain() async throws {
        let world = try World()
        let bytes = Array("contended".utf8)
        let digest = try await world.upload(bytes)
        world.clock.advance(120)
        // A collector claims the blob and is slow to delete it; meanwhile a push of the same bytes commits.
        #expect(
            try world.metadata.claimBlobs([digest.description], linkCutoff: world.clock.read() - 60, now: world.clock.read()) == [digest.description])
        let push = Task { try await world.upload(bytes) }
        try await Task.sleep(for: .milliseconds(300))
        try world.blobs.delete(digest)
        try world.metadata.releaseBlobClaims([digest.description])
        #expect(try await push.value == digest)
        #expect(try world.stored(digest), "the bytes were written after the collector deleted them")
        #expect(try world.registry.blob(digest, in: "app").size == Int64(bytes.count))
    }

    @Test func aPinnedBlobIsNeverClaimedUntilThePinExpires() async throws {
        let world = try World()
        let digest = try await world.upload([1, 2, 3])
        world.clock.advance(120)
        // Another upload is committing the same digest: its pin keeps the blob.
        #expect(try world.metadata.pinBlob(digest.description, holder: "other-upload", until: world.clock.read() + 60))
        #expect(try world.collector.collect(grace: 60).blobs.isEmpty)
        world.clock.advance(120)
        let report = try world.collector.collect(grace: 60)
        #expect(report.pinsExpired == 1, "a pin whose upload never completed expires")
        #expect(report.blobs.map(\.digest) == [digest.description])
    }

    @Test func idleUploadsExpireUnlessARequestHoldsThem() async throws {
        let world = try World()
        let idle = try world.registry.startUpload(repository: "app").id
        let busy = try world.registry.startUpload(repository: "app")
        world.clock.advance(7_200)
        let held = try world.registry.openUpload(id: busy.id, repository: "app")  // a request streams into it now
        let expiry = UploadExpiry(blobs: world.blobs, metadata: world.metadata, clock: world.clock.read, holder: "worker")
        #expect(try expiry.expire(olderThan: 3_600, dryRun: true).expired == 2)
        let report = try expiry.expire(olderThan: 3_600, dryRun: false)
        #expect(report.expired == 1)
        #expect(report.skipped == 1, "the held one stays")
        #expect(throws: RegistryError.uploadNotFound(idle)) { try world.registry.upload(id: idle, repository: "app") }
        held.abandon()
    }
}

extension GarbageCollectorTests {
    @Test func aCollectorThatLosesItsLeaseStopsBeforeDeleting() async throws {
        let world = try World()
        let digest = try await world.upload(Array("orphan".utf8))
        world.clock.advance(120)
        let answers = Mutex([true, true, false])  // holds at the start and at the claim, lost before the deletion
        #expect(throws: GarbageCollectionStopped.leaseLost) {
            _ = try world.collector.collect(grace: 60) { answers.withLock { $0.removeFirst() } }
        }
        #expect(try world.stored(digest), "nothing deleted without the lease")
        #expect(try world.metadata.claimedBlobs() == [digest.description], "the claim stays for the next holder")
        let next = try world.collector.collect(grace: 60)
        #expect(next.claimsFinished == 1)
        #expect(try !world.stored(digest))
        #expect(try world.metadata.claimedBlobs().isEmpty)
    }

    @Test func aMountOfABlobBeingCollectedFallsBackToAnUpload() async throws {
        let world = try World()
        try world.registry.createRepository(RepositoryRecord(name: "web", createdAt: 0))
        let digest = try await world.upload(Array("mounted".utf8))
        world.clock.advance(120)
        _ = try world.metadata.claimBlobs([digest.description], linkCutoff: world.clock.read() - 60, now: world.clock.read())
        #expect(try world.registry.mountBlob(digest, into: "web", from: "app") == nil)
        try world.metadata.releaseBlobClaims([digest.description])
        #expect(try world.registry.mountBlob(digest, into: "web", from: "app") == nil, "the source link went with the claim")
        #expect(try world.registry.findLayer(in: "web", digest: digest) == nil)
    }
}
