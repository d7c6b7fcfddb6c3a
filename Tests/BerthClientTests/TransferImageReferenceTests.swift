import BerthModel
import Testing

@testable import BerthClient

@Suite("ImageReference: what push and pull take")
struct TransferImageReferenceTests {
    @Test func tagsDigestsAndTheLatestDefault() throws {
        let tagged = try ImageReference(parsing: "team/app:v1.2")
        #expect(tagged.repository == "team/app" && tagged.tag == "v1.2" && tagged.digest == nil)
        #expect(tagged.manifestReference == "v1.2")
        let bare = try ImageReference(parsing: "team/app")
        #expect(bare.tag == "latest")
        let hex = String(repeating: "ab", count: 32)
        let pinned = try ImageReference(parsing: "team/app@sha256:\(hex)")
        #expect(pinned.tag == nil && pinned.digest?.encoded == hex && pinned.manifestReference == "sha256:\(hex)")
        #expect(pinned.description == "team/app@sha256:\(hex)")
    }

    @Test func refusesBadNamesTagsAndDigests() {
        #expect(throws: TransferError.self) { try ImageReference(parsing: "Team/App:v1") }
        #expect(throws: TransferError.self) { try ImageReference(parsing: "team/app:bad tag") }
        #expect(throws: TransferError.self) { try ImageReference(parsing: "team/app@sha256:1234") }
    }
}
