import BerthCrypto
import Testing

@Suite struct SHA256HasherTests {
    @Test func knownVectors() {
        #expect(SHA256Hasher.hexHash([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hasher.hexHash(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func savedAndResumedStateGivesTheSameDigest() throws {
        let first = Array(repeating: UInt8(7), count: 100_003)
        let second = Array(repeating: UInt8(9), count: 70_001)
        var hasher = SHA256Hasher()
        hasher.update(first)
        let state = hasher.exportState()
        var resumed = try #require(SHA256Hasher(state: state))
        resumed.update(second)
        #expect(resumed.finalize() == SHA256Hasher.hash(first + second))
        #expect(SHA256Hasher(state: [1, 2, 3]) == nil)
    }

    @Test func hmacMatchesRFC4231Case2() {
        let mac = HMACSHA256.authenticate("what do ya want for nothing?", key: Array("Jefe".utf8))
        #expect(Hex.encode(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func uuidsAreVersion4() {
        let id = SecureRandom.uuid()
        #expect(id.count == 36)
        #expect(Array(id)[14] == "4")
        #expect(id != SecureRandom.uuid())
    }
}
