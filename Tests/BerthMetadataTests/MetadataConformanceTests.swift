import BerthMetadata
import MetadataConformance
import Testing

@Suite struct MetadataConformanceTests {
    @Test(arguments: MetadataConformance.caseNames)
    func memoryStore(_ name: String) throws {
        try MetadataConformance { MemoryMetadataStore() }.run(name)
    }

    @Test(arguments: MetadataConformance.caseNames)
    func sqliteInMemory(_ name: String) throws {
        try MetadataConformance { try SQLMetadataStore.inMemory() }.run(name)
    }

    @Test(arguments: MetadataConformance.caseNames)
    func sqliteFile(_ name: String) throws {
        let directory = try TemporaryDirectory()
        var count = 0
        try MetadataConformance {
            count += 1
            return try SQLMetadataStore(path: directory.path + "/metadata\(count).db")
        }.run(name)
    }

    @Test func runAllPasses() throws {
        try MetadataConformance { MemoryMetadataStore() }.runAll()
        try MetadataConformance { try SQLMetadataStore.inMemory() }.runAll()
    }

    @Test func unknownCaseFails() {
        #expect(throws: MetadataConformance.Failure.self) { try MetadataConformance { MemoryMetadataStore() }.run("noSuchCase") }
    }
}
