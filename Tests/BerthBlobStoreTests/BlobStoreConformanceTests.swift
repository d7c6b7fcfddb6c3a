import BerthBlobStore
import BlobStoreConformance
import Testing

@Suite struct BlobStoreConformanceTests {
    @Test(arguments: BlobStoreConformance.caseNames)
    func memoryStore(_ name: String) throws {
        try BlobStoreConformance { MemoryBlobStore() }.run(name)
    }

    @Test(arguments: BlobStoreConformance.caseNames)
    func fileSystemStore(_ name: String) throws {
        let directory = try TemporaryDirectory()
        var count = 0
        try BlobStoreConformance {
            count += 1
            return try FileSystemBlobStore(root: directory.path + "/store\(count)")
        }.run(name)
    }

    @Test func runAllPassesOnBothStores() throws {
        try BlobStoreConformance { MemoryBlobStore() }.runAll()
        let directory = try TemporaryDirectory()
        var count = 0
        try BlobStoreConformance {
            count += 1
            return try FileSystemBlobStore(root: directory.path + "/store\(count)")
        }.runAll()
    }

    @Test func unknownCaseFails() {
        #expect(throws: BlobStoreConformance.Failure.self) { try BlobStoreConformance { MemoryBlobStore() }.run("noSuchCase") }
    }

    @Test func aBrokenStoreIsCaught() {
        let failure = #expect(throws: BlobStoreConformance.Failure.self) {
            try BlobStoreConformance { ForgetfulStore() }.run("smallBlob")
        }
        #expect(failure?.caseName == "smallBlob")
    }
}
