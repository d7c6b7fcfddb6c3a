import BerthService
import Testing

@Suite struct BerthServiceSmokeTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
