import BerthModel
import Foundation
import Testing

@testable import BerthClient

@Suite("LayoutIndex: a layout's index.json rewritten without losing fields")
struct LayoutIndexTests {
    let first = Digest(sha256Hex: String(repeating: "1", count: 64))
    let second = Digest(sha256Hex: String(repeating: "2", count: 64))

    @Test func addingReplacesTheSameNameAndKeepsEverythingElse() throws {
        let text = """
            {"schemaVersion":2,"x-extra":{"n":1.5},"manifests":[
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\(first)","size":10,
               "platform":{"architecture":"arm64","os":"linux"},"annotations":{"org.opencontainers.image.ref.name":"keep"}},
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\(first)","size":10,
               "annotations":{"org.opencontainers.image.ref.name":"v1"}}]}
            """
        var index = try LayoutIndex(data: Data(text.utf8), path: "index.json")
        index.add(digest: second, mediaType: MediaType.ociIndex, size: 20, refName: "v1")
        index.add(digest: second, mediaType: MediaType.ociIndex, size: 20, refName: nil)
        index.add(digest: second, mediaType: MediaType.ociIndex, size: 20, refName: nil)
        let reread = try LayoutIndex(data: try index.encoded(), path: "index.json")
        #expect(reread.fields["x-extra"] == .object(["n": .number(1.5)]))
        #expect(reread.manifests.map(LayoutIndex.refName) == ["keep", "v1", nil])
        #expect(reread.manifests[0]["platform"]?.object?["architecture"] == .string("arm64"))
        #expect(reread.manifests[1]["digest"] == .string(second.description) && reread.manifests[1]["size"] == .integer(20))
    }

    @Test func aNewIndexIsAnOCIImageIndex() throws {
        let encoded = String(decoding: try LayoutIndex().encoded(), as: UTF8.self)
        #expect(encoded == #"{"manifests":[],"mediaType":"application/vnd.oci.image.index.v1+json","schemaVersion":2}"#)
    }

    @Test func refusesWhatIsNotAnIndex() {
        #expect(throws: TransferError.self) { try LayoutIndex(data: Data("[1]".utf8), path: "index.json") }
        #expect(throws: TransferError.self) { try LayoutIndex(data: Data("{".utf8), path: "index.json") }
    }
}
