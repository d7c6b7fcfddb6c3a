import BerthAuth
import Testing

@Suite struct BerthAuthSmokeTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
