import BerthHTTP
import Testing

@Suite struct BerthHTTPSmokeTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
