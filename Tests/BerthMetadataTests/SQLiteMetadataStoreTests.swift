import BerthMetadata
import BerthModel
import Foundation
import Testing

@Suite struct SQLiteMetadataStoreTests {
    @Test func migrationsApplyOnAFreshFile() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLMetadataStore(path: directory.path + "/fresh.db")
        #expect(SQLMetadataStore.latestSchemaVersion >= 1)
        #expect(try store.schemaVersion == SQLMetadataStore.latestSchemaVersion)
        #expect(try store.listRepositories(after: nil, limit: 10).isEmpty)
    }

    @Test func dataSurvivesCloseAndReopenWithoutRerunningMigrations() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/reopen.db"
        let repository = RepositoryRecord(name: "app", createdAt: 1, resourceTags: [ResourceTag(key: "k", value: "v")])
        let image = NewImage(
            image: ImageRecord(
                repository: "app", digest: "sha256:" + String(repeating: "a", count: 64), manifest: [1, 2, 3], mediaType: "m", sizeInBytes: 3,
                pushedAt: 2),
            blobDigests: ["sha256:" + String(repeating: "b", count: 64)]
        )
        do {
            let store = try SQLMetadataStore(path: path)
            try store.createRepository(repository)
            #expect(try store.putImage(image, tag: "v1", tagIsImmutable: false) == .created)
            #expect(try store.setSettingIfAbsent("secret", value: "s1") == "s1")
        }
        // Reopening runs no migration again (the tables exist, so re-running migration 1 would fail).
        let store = try SQLMetadataStore(path: path)
        #expect(try store.schemaVersion == SQLMetadataStore.latestSchemaVersion)
        #expect(try store.repository(named: "app") == repository)
        #expect(try store.image(repository: "app", tag: "v1")?.manifest == [1, 2, 3])
        #expect(try store.isBlobReferenced(repository: "app", digest: "sha256:" + String(repeating: "b", count: 64)))
        #expect(try store.setSettingIfAbsent("secret", value: "s2") == "s1")
    }

    /// A database written by the first schema (before registries, image status and documents) migrates with its
    /// data intact (but for uploads in flight); its repositories wait in scope "" until the server adopts them into its default region.
    @Test func aVersionOneDatabaseMigrates() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/v1.db"
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/metadata-v1.sqlite")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        let store = try SQLMetadataStore(path: path)
        #expect(try store.schemaVersion == SQLMetadataStore.latestSchemaVersion)
        #expect(try store.repository(named: "team/app")?.imageTagMutability == "IMMUTABLE")
        let east = store.scoped(toRegistry: "us-east-1")
        #expect(try east.adoptUnscopedRepositories(into: "us-east-1") == 1)
        let image = try east.image(repository: "team/app", tag: "v1")
        #expect(image?.status == .active)
        #expect(image?.manifest == Array("{}".utf8))
        #expect(try east.repository(named: "team/app")?.resourceTags == [ResourceTag(key: "team", value: "a")])
        #expect(try east.layer(repository: "team/app", digest: "sha256:" + String(repeating: "0", count: 63) + "2")?.size == 10)
        // Migration 3 drops uploads in flight: their hash state lived in the blob store, which no longer keeps it.
        #expect(try east.upload(id: "11111111-1111-4111-8111-111111111111") == nil)
        #expect(try store.setting("root-access-key") == "AKIAOLD:secret")
        try east.putRepositoryDocument(repository: "team/app", kind: "lifecycle", value: "{}")
        _ = try east.deleteRepository(named: "team/app", force: true)
        #expect(try east.listRepositories(after: nil, limit: 10).isEmpty)
    }

    @Test func aDatabaseFromANewerBuildIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/newer.db"
        do { _ = try SQLMetadataStore(path: path) }
        // user_version is the big-endian 32-bit integer at offset 60 of the database header.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.seek(toOffset: 60)
        try handle.write(contentsOf: Data([0, 0, 0x03, 0xE7]))
        try handle.close()
        #expect(throws: MetadataError.self) { try SQLMetadataStore(path: path) }
    }

    @Test func twoStoresOnOneFileSeeEachOthersWrites() throws {
        let directory = try TemporaryDirectory()
        let first = try SQLMetadataStore(path: directory.path + "/shared.db")
        let second = try SQLMetadataStore(path: directory.path + "/shared.db")
        try first.createRepository(RepositoryRecord(name: "app", createdAt: 1))
        #expect(try second.repository(named: "app")?.name == "app")
        #expect(try second.setSettingIfAbsent("key", value: "from-second") == "from-second")
        #expect(try first.setSettingIfAbsent("key", value: "from-first") == "from-second")
    }

    @Test func concurrentCallsAgree() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLMetadataStore(path: directory.path + "/concurrent.db")
        try store.createRepository(RepositoryRecord(name: "app", createdAt: 1))
        let values = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<16 {
                group.addTask {
                    for number in 0..<50 {
                        let hex = String(index * 1000 + number, radix: 16)
                        let digest = "sha256:" + String(repeating: "0", count: 64 - hex.count) + hex
                        let image = ImageRecord(
                            repository: "app", digest: digest, manifest: [UInt8(number)], mediaType: "m", sizeInBytes: 1, pushedAt: 1)
                        _ = try store.putImage(NewImage(image: image), tag: "t\(index)", tagIsImmutable: false)
                        _ = try store.image(repository: "app", tag: "t\(index)")
                    }
                    return try store.setSettingIfAbsent("secret", value: "value-\(index)")
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(values.count == 1)
        #expect(try store.imageCount(repository: "app") == 800)
        #expect(try store.listImageIDs(repository: "app", tagStatus: .tagged, after: nil, limit: 100).count == 16)
    }

    @Test func tenThousandInsertsAndLookupsFinish() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLMetadataStore(path: directory.path + "/bulk.db")
        try store.createRepository(RepositoryRecord(name: "app", createdAt: 1))
        let count = 10_000
        let digests = (0..<count).map { number -> String in
            let hex = String(number, radix: 16)
            return "sha256:" + String(repeating: "0", count: 64 - hex.count) + hex
        }
        let clock = ContinuousClock()
        let insertTime = try clock.measure {
            for (number, digest) in digests.enumerated() {
                try store.putLayer(LayerRecord(repository: "app", digest: digest, size: Int64(number), createdAt: 1))
            }
        }
        let lookupTime = try clock.measure {
            for (number, digest) in digests.enumerated() {
                let layer = try store.layer(repository: "app", digest: digest)
                if layer?.size != Int64(number) { Issue.record("lookup \(number) returned \(String(describing: layer))") }
            }
        }
        print("SQLMetadataStore: \(count) inserts in \(insertTime), \(count) point lookups in \(lookupTime)")
    }
}
