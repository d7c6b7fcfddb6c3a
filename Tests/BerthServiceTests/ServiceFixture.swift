import BerthAuth
import BerthBlobStore
import BerthCrypto
import BerthMetadata
import BerthService
import BerthWire
import Foundation

/// An ECRService over in-memory stores with a fixed clock.
struct ServiceFixture {
    let service: ECRService
    let context = ECRRequestContext(accessKeyID: "AKIATEST", accountID: "123456789012", region: "us-east-1", requestID: "r", now: 1_700_000_000)

    init(configure: (inout RegistryConfiguration) -> Void = { _ in }) {
        var configuration = RegistryConfiguration(accountID: "123456789012", region: "us-east-1", publicURL: "http://127.0.0.1:5000/")
        configure(&configuration)
        let registry = Registry(blobs: MemoryBlobStore(), metadata: MemoryMetadataStore(), configuration: configuration, clock: { 1_700_000_000 })
        service = ECRService(
            registry: registry, tokens: AuthorizationTokenIssuer(signingKey: Array(repeating: 1, count: 32)),
            downloadURLs: URLSigner(signingKey: Array(repeating: 2, count: 32)))
    }

    func createRepository(_ name: String, mutability: String? = nil) async throws {
        _ = try await service.createRepository(.init(repositoryName: name, imageTagMutability: mutability), context: context)
    }

    /// Uploads `bytes` through the layer API in parts of `partSize`; returns the digest.
    @discardableResult
    func pushBlob(_ repository: String, _ bytes: [UInt8], partSize: Int = 10 << 20) async throws -> String {
        let upload = try await service.initiateLayerUpload(.init(repositoryName: repository), context: context)
        let id = try require(upload.uploadId)
        var offset = 0
        while offset < bytes.count {
            let part = Array(bytes[offset..<min(offset + partSize, bytes.count)])
            _ = try await service.uploadLayerPart(
                .init(
                    repositoryName: repository, uploadId: id, partFirstByte: Int64(offset), partLastByte: Int64(offset + part.count - 1),
                    layerPartBlob: Data(part)),
                context: context)
            offset += part.count
        }
        let digest = "sha256:" + SHA256Hasher.hexHash(bytes)
        _ = try await service.completeLayerUpload(.init(repositoryName: repository, uploadId: id, layerDigests: [digest]), context: context)
        return digest
    }

    /// A Docker schema 2 manifest over a config and layers, pushed first; returns the manifest text.
    func pushImage(_ repository: String, tag: String?, note: String) async throws -> String {
        let config = Array("{\"note\":\"\(note)\"}".utf8)
        let layer = Array("layer-\(note)".utf8)
        let configDigest = try await pushBlob(repository, config)
        let layerDigest = try await pushBlob(repository, layer)
        let manifest = """
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",\
            "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":\(config.count),"digest":"\(configDigest)"},\
            "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":\(layer.count),"digest":"\(layerDigest)"}]}
            """
        _ = try await service.putImage(.init(repositoryName: repository, imageManifest: manifest, imageTag: tag), context: context)
        return manifest
    }
}

/// `#require` outside a test body.
func require<T>(_ value: T?, _ what: String = "value") throws -> T {
    guard let value else { throw FixtureError(message: "missing \(what)") }
    return value
}

struct FixtureError: Error {
    var message: String
}
