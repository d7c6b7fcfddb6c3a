import BerthModel

/// Helpers shared by the OCI wire tests.
enum OCITest {
    static let hexA = String(repeating: "a", count: 64)
    static let digestA = Digest(parsing: "sha256:" + hexA)!
    static let digestB = Digest(parsing: "sha256:" + String(repeating: "b", count: 64))!

    static func name(_ text: String) -> RepositoryName {
        RepositoryName(text)!
    }

    static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
