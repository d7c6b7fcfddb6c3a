import BerthModel
import Foundation
import Testing

@testable import BerthClient

@Suite("TarIndex and DockerManifestBuilder: docker archives read in place")
struct LayoutTarIndexTests {
    /// One ustar header block for `name` (type `type`, `size` bytes, `link` target) with a valid checksum.
    static func header(_ name: String, size: Int, type: UInt8 = UInt8(ascii: "0"), link: String = "") -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) {
            for (index, byte) in text.utf8.enumerated() { block[offset + index] = byte }
        }
        put(name, at: 0)
        put("0000644", at: 100)
        put(String(format: "%011o", size), at: 124)
        put(String(repeating: " ", count: 8), at: 148)
        block[156] = type
        put(link, at: 157)
        put("ustar", at: 257)
        put("00", at: 263)
        put(String(format: "%06o", block.reduce(0) { $0 + Int($1) }), at: 148)
        block[154] = 0
        return block
    }

    static func member(_ name: String, _ data: [UInt8], type: UInt8 = UInt8(ascii: "0")) -> [UInt8] {
        header(name, size: data.count, type: type) + data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }

    static func writeTar(_ blocks: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "berth-tar-\(UUID().uuidString).tar"
        try Data(blocks + [UInt8](repeating: 0, count: 1024)).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func findsMembersPaxNamesAndLinks() throws {
        let longName = String(repeating: "d", count: 120) + "/config.json"
        let pax = Array("\(longName.utf8.count + 10) path=\(longName)\n".utf8)
        var blocks = Self.member("./a/layer.tar", Array("hello".utf8))
        blocks += Self.member("PaxHeaders/x", pax, type: UInt8(ascii: "x"))
        blocks += Self.member("short-name-ignored", Array("{}".utf8))
        blocks += Self.header("b/layer.tar", size: 0, type: UInt8(ascii: "2"), link: "../a/layer.tar")
        let path = try Self.writeTar(blocks)
        defer { unlink(path) }
        let tar = try TarIndex(path: path)
        #expect(try tar.span(of: "a/layer.tar") == TarIndex.Member(offset: 512, size: 5))
        #expect(try tar.span(of: longName).size == 2)
        #expect(try tar.span(of: "b/layer.tar") == TarIndex.Member(offset: 512, size: 5))
        #expect(throws: TransferError.self) { try tar.span(of: "missing") }
    }

    @Test func refusesAFileThatIsNotATar() throws {
        let path = try Self.writeTar(Array(repeating: 0x41, count: 512))
        defer { unlink(path) }
        #expect(throws: TransferError.self) { try TarIndex(path: path) }
    }

    @Test func buildsADockerSchema2Manifest() {
        let config = BlobSource(digest: Digest(sha256Hex: String(repeating: "c", count: 64)), size: 7, path: "x")
        let layer = BlobSource(digest: Digest(sha256Hex: String(repeating: "1", count: 64)), size: 9, path: "x")
        let manifest = DockerManifestBuilder.manifest(config: config, layers: [(layer, DockerManifestBuilder.gzipLayer)])
        let expected =
            #"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","#
            + #""config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7,"digest":"\#(config.digest)"},"#
            + #""layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":9,"digest":"\#(layer.digest)"}]}"#
        #expect(String(decoding: manifest.bytes, as: UTF8.self) == expected)
        #expect(manifest.mediaType == MediaType.dockerManifestV2)
    }
}
