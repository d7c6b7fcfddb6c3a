import BerthMetadata
import Testing

@Suite struct BerthMetadataSmokeTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
