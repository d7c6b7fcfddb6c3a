import BerthModel
import BerthWire
import Foundation
import Testing

@Suite struct ReferrersIndexTests {
    static let sbom = ReferrerDescriptor(
        mediaType: MediaType.ociManifest, digest: OCITest.digestA, size: 1234, artifactType: "application/vnd.example.sbom.v1",
        annotations: ["org.opencontainers.image.created": "2022-01-01T14:42:55Z", "org.example.sbom.format": "json"])
    static let index = ReferrerDescriptor(mediaType: MediaType.ociIndex, digest: OCITest.digestB, size: 99)

    @Test func rendersIndexDeterministically() throws {
        let built = ReferrersIndex(referrers: [Self.sbom, Self.index])
        #expect(built.filtersApplied.isEmpty)
        #expect(built.filtersAppliedHeader == nil)
        let expected =
            #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":["#
            + #"{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:\#(OCITest.hexA)","size":1234,"#
            + #""artifactType":"application/vnd.example.sbom.v1","annotations":{"org.example.sbom.format":"json","#
            + #""org.opencontainers.image.created":"2022-01-01T14:42:55Z"}},"#
            + #"{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"sha256:\#(String(repeating: "b", count: 64))","size":99}]}"#
        #expect(OCITest.text(built.jsonBody()) == expected)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(built.jsonBody())) as? [String: Any])
        #expect((parsed["manifests"] as? [Any])?.count == 2)
    }

    @Test func emptyArtifactTypeIsOmitted() {
        let untyped = ReferrerDescriptor(mediaType: MediaType.ociManifest, digest: OCITest.digestA, size: 7, artifactType: "")
        let body = OCITest.text(ReferrersIndex(referrers: [untyped]).jsonBody())
        #expect(!body.contains("artifactType"))
    }

    @Test func emptyIndex() {
        #expect(
            OCITest.text(ReferrersIndex(referrers: []).jsonBody())
                == #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#)
        #expect(ReferrersIndex.contentType == "application/vnd.oci.image.index.v1+json")
    }

    @Test func filtersByArtifactType() {
        let filtered = ReferrersIndex(referrers: [Self.sbom, Self.index], artifactType: "application/vnd.example.sbom.v1")
        #expect(filtered.manifests == [Self.sbom])
        #expect(filtered.filtersApplied == ["artifactType"])
        #expect(filtered.filtersAppliedHeader == "artifactType")
        let none = ReferrersIndex(referrers: [Self.sbom, Self.index], artifactType: "application/other")
        #expect(none.manifests.isEmpty)
        #expect(none.filtersAppliedHeader == "artifactType")
        let empty = ReferrersIndex(referrers: [Self.sbom, Self.index], artifactType: "")
        #expect(empty.manifests.count == 2)
        #expect(empty.filtersAppliedHeader == nil)
    }
}
