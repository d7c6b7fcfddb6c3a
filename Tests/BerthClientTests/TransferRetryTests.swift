import Testing

@testable import BerthClient

@Suite("Transfer retries and upload offsets")
struct TransferRetryTests {
    @Test func backsOffExponentiallyAndGivesUpAfterTheWindow() {
        var state = RetryState(policy: RetryPolicy(window: 10, initialDelay: 0.5, maximumDelay: 2))
        let failure = TransferError.unreachable(endpoint: "http://x", reason: "connection refused")
        let start = ContinuousClock.now
        #expect(state.delay(after: failure, now: start) == 0.5)
        #expect(state.delay(after: failure, now: start + .seconds(1)) == 1)
        #expect(state.delay(after: failure, now: start + .seconds(2)) == 2)
        #expect(state.delay(after: failure, now: start + .seconds(3)) == 2)
        #expect(state.delay(after: failure, now: start + .seconds(11)) == nil)
        state.progressed()
        #expect(state.delay(after: failure, now: start + .seconds(12)) == 0.5)
    }

    @Test func onlyTransientFailuresAreRetried() {
        var state = RetryState(policy: RetryPolicy())
        #expect(state.delay(after: .serverFailure(status: 503, message: "")) != nil)
        #expect(state.delay(after: .uploadOutOfSync(message: "")) != nil)
        #expect(state.delay(after: .authenticationRefused(endpoint: "x")) == nil)
        #expect(state.delay(after: .digestMismatch(expected: "a", actual: "b")) == nil)
        #expect(state.delay(after: .repositoryMissing(repository: "r")) == nil)
    }

    @Test func theRangeHeaderGivesTheBytesHeld() {
        #expect(RegistryClient.bytesHeld(range: "0-1048575") == 1_048_576)
        #expect(RegistryClient.bytesHeld(range: "0-0") == 0)
        #expect(RegistryClient.bytesHeld(range: nil) == 0)
        #expect(RegistryClient.bytesHeld(range: "bytes=0-99") == 100)
    }

    @Test func digestInvalidNamesTheComputedDigest() {
        let sent = "sha256:" + String(repeating: "a", count: 64)
        let got = "sha256:" + String(repeating: "b", count: 64)
        #expect(RegistryClient.otherDigest(in: "provided digest \(sent) did not match uploaded content \(got)", than: sent) == got)
        #expect(RegistryClient.otherDigest(in: "no digest here", than: sent) == "no digest here")
    }
}
