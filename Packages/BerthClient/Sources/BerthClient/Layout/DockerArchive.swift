import BerthCrypto
import BerthModel
import Foundation

/// A `docker save` tar: `manifest.json` (`[{Config, RepoTags, Layers}]`) naming members that hold the config and the
/// layers (legacy `<id>/layer.tar` or `blobs/sha256/<hex>`). Members are read in place, never extracted.
public struct DockerArchive: Sendable {
    /// One image of `manifest.json`.
    struct Entry: Decodable {
        var Config: String
        var RepoTags: [String]?
        var Layers: [String]
    }

    /// The tar file.
    public let path: String

    /// The archive at `path`.
    public init(path: String) {
        self.path = path
    }

    /// What pushing the image tagged `tag` in `RepoTags` (or the archive's only image) sends, with a Docker v2
    /// schema 2 manifest built for it.
    /// - Throws: `TransferError.invalidSource` when the archive is unusable or no image fits.
    public func pushPlan(tag: String?) throws(TransferError) -> PushPlan {
        let tar = try TarIndex(path: path)
        let entries: [Entry]
        do {
            entries = try JSONCoding.decode([Entry].self, from: try read(try tar.span(of: "manifest.json")))
        } catch let error as TransferError {
            throw error
        } catch {
            throw .invalidSource("\(path): manifest.json is not a docker save manifest: \(error)")
        }
        let entry = try choose(entries, tag: tag)
        let configBytes = Array(try read(try tar.span(of: entry.Config)))
        let config = BlobSource(
            digest: Digest(sha256Hex: SHA256Hasher.hexHash(configBytes)), size: Int64(configBytes.count), path: path,
            offset: try tar.span(of: entry.Config).offset)
        var layers: [(BlobSource, String)] = []
        for name in entry.Layers {
            let span = try tar.span(of: name)
            let blob = BlobSource(digest: try digest(of: name, span: span), size: span.size, path: path, offset: span.offset)
            layers.append((blob, try mediaType(of: span)))
        }
        let manifest = DockerManifestBuilder.manifest(config: config, layers: layers)
        var seen = Set<Digest>()
        let blobs = ([config] + layers.map(\.0)).filter { seen.insert($0.digest).inserted }
        return PushPlan(blobs: blobs, children: [], top: manifest)
    }

    private func choose(_ entries: [Entry], tag: String?) throws(TransferError) -> Entry {
        if entries.count == 1, let only = entries.first { return only }
        if let tag, let tagged = entries.first(where: { ($0.RepoTags ?? []).contains { $0.hasSuffix(":" + tag) } }) { return tagged }
        let tags = entries.flatMap { $0.RepoTags ?? [] }.joined(separator: ", ")
        throw .invalidSource("\(path) holds \(entries.count) images and none is tagged \(tag ?? "(none)") (tags: \(tags))")
    }

    /// A layer's digest: the name of a `blobs/sha256/<hex>` member, else the SHA-256 of its bytes.
    private func digest(of name: String, span: TarIndex.Member) throws(TransferError) -> Digest {
        let parts = TarIndex.normalize(name).split(separator: "/")
        if parts.count == 3, parts[0] == "blobs", let digest = Digest(parsing: "\(parts[1]):\(parts[2])") { return digest }
        let reader = try FileChunkReader(path: path)
        var hasher = SHA256Hasher()
        var done: Int64 = 0
        while done < span.size {
            let chunk = try reader.read(at: span.offset + done, count: Int(min(span.size - done, 8 << 20)))
            chunk.withUnsafeBytes { hasher.update($0) }
            done += Int64(chunk.count)
        }
        return Digest(sha256Hex: hasher.finalizeHex())
    }

    /// Docker's layer media type: gzip when the bytes start with gzip's magic, else a plain tar.
    private func mediaType(of span: TarIndex.Member) throws(TransferError) -> String {
        guard span.size >= 2 else { return DockerManifestBuilder.tarLayer }
        let magic = try FileChunkReader(path: path).read(at: span.offset, count: 2)
        return magic == Data([0x1F, 0x8B]) ? DockerManifestBuilder.gzipLayer : DockerManifestBuilder.tarLayer
    }

    private func read(_ span: TarIndex.Member) throws(TransferError) -> Data {
        guard span.size <= 64 << 20 else { throw .invalidSource("\(path): a JSON member of \(span.size) bytes is too large") }
        return try FileChunkReader(path: path).read(at: span.offset, count: Int(span.size))
    }
}
