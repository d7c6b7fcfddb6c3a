import BerthBlobStore
import Testing

@Suite struct BerthBlobStoreSmokeTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
