import BerthModel
import Testing

@Suite struct DigestTests {
    @Test func parsesSHA256() throws {
        let hex = String(repeating: "ab", count: 32)
        let digest = try #require(Digest(parsing: "sha256:\(hex)"))
        #expect(digest.algorithm == "sha256")
        #expect(digest.encoded == hex)
        #expect(digest.description == "sha256:\(hex)")
    }

    @Test(arguments: [
        "sha256:", "sha256:ABCD", "md5:abc", "nocolon", "sha256:" + String(repeating: "A", count: 64), "sha256:" + String(repeating: "a", count: 63),
    ])
    func rejectsMalformed(_ text: String) {
        #expect(Digest(parsing: text) == nil)
    }
}

@Suite struct RepositoryNameTests {
    @Test(arguments: ["ab", "my-repo", "team/app", "a__b", "a---b", "a.b/c_d", "x1/y2/z3"])
    func acceptsValid(_ name: String) {
        #expect(RepositoryName.isValid(name))
    }

    @Test(arguments: ["a", "UPPER", "-ab", "ab-", "a___b", "a..b", "a//b", "/ab", "ab/", "a_.b", String(repeating: "a", count: 257)])
    func rejectsInvalid(_ name: String) {
        #expect(!RepositoryName.isValid(name))
    }
}
