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

    @Test func exportedStateIsPortable() throws {
        var hasher = SHA256Hasher()
        hasher.update(Array("abc".utf8))
        let state = hasher.exportState()
        #expect(state.count == SHA256Hasher.stateSize)
        #expect(Array(state[0..<4]) == Array("S256".utf8))
        #expect(Array(state[4..<8]) == [0x6a, 0x09, 0xe6, 0x67])  // H0 before the first block
        #expect(Array(state[36..<40]) == [0, 0, 0, 24])  // 24 bits hashed
        #expect(Array(state[44..<48]) == [0, 0, 0, 3])  // 3 bytes buffered
        #expect(Array(state[48..<51]) == Array("abc".utf8))
        var corrupt = state
        corrupt[47] = 64
        #expect(SHA256Hasher(state: corrupt) == nil)
    }

    @Test func resumesAtEveryBlockBoundary() throws {
        let bytes = (0..<200).map { UInt8($0 % 251) }
        for split in [0, 1, 55, 56, 63, 64, 65, 127, 128, 199] {
            var hasher = SHA256Hasher()
            hasher.update(Array(bytes[..<split]))
            var resumed = try #require(SHA256Hasher(state: hasher.exportState()))
            resumed.update(Array(bytes[split...]))
            #expect(resumed.finalize() == SHA256Hasher.hash(bytes))
        }
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
