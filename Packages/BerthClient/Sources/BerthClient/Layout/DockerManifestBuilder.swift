import BerthCrypto
import BerthModel

/// Builds the Docker v2 schema 2 manifest of a docker archive's image, with `JSONWriter` (fixed key order, so the
/// same archive always gives the same digest).
enum DockerManifestBuilder {
    /// A gzip-compressed layer.
    static let gzipLayer = "application/vnd.docker.image.rootfs.diff.tar.gzip"
    /// An uncompressed layer.
    static let tarLayer = "application/vnd.docker.image.rootfs.diff.tar"

    /// The manifest of `config` and `layers` (each with its media type).
    static func manifest(config: BlobSource, layers: [(BlobSource, String)]) -> ManifestSource {
        var writer = JSONWriter()
        writer.raw("{")
        writer.key("schemaVersion", first: true)
        writer.raw("2")
        writer.key("mediaType")
        writer.string(MediaType.dockerManifestV2)
        writer.key("config")
        descriptor(&writer, mediaType: MediaType.dockerConfig, blob: config)
        writer.key("layers")
        writer.raw("[")
        for (index, (blob, mediaType)) in layers.enumerated() {
            if index > 0 { writer.raw(",") }
            descriptor(&writer, mediaType: mediaType, blob: blob)
        }
        writer.raw("]}")
        let bytes = writer.bytes
        return ManifestSource(bytes: bytes, mediaType: MediaType.dockerManifestV2, digest: Digest(sha256Hex: SHA256Hasher.hexHash(bytes)))
    }

    private static func descriptor(_ writer: inout JSONWriter, mediaType: String, blob: BlobSource) {
        writer.raw("{")
        writer.key("mediaType", first: true)
        writer.string(mediaType)
        writer.key("size")
        writer.raw(String(blob.size))
        writer.key("digest")
        writer.string(blob.digest.description)
        writer.raw("}")
    }
}
