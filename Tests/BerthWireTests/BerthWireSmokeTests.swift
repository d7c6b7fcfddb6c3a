import BerthWire
import Testing

@Suite struct BerthWireSmokeTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
