import BerthCrypto
import BerthHTTP
import BerthService
import BerthWire
import Foundation

/// A registry seeded with one repository (`seeded/app`: resource tags, a policy, an image tagged `v1` with its config
/// and layer, and an upload in progress), for tests that must show nothing changed.
struct SeededRegistry {
    static let repository = "seeded/app"
    let registry = TestRegistry()
    var imageDigest = ""
    var layerDigest = ""
    var uploadID = ""

    static func make() async throws -> SeededRegistry {
        var seeded = SeededRegistry()
        let ecr = seeded.registry.services().ecr
        let context = ECRRequestContext(
            accessKeyID: TestRegistry.accessKey, accountID: TestRegistry.accountID, region: "us-east-1", requestID: "seed", now: TestRegistry.now)
        _ = try await ecr.createRepository(.init(repositoryName: repository, tags: [ECR.Tag(Key: "team", Value: "a")]), context: context)
        let config = Array(#"{"architecture":"amd64","os":"linux"}"#.utf8)
        let layer = Array("seeded layer bytes".utf8)
        let configDigest = try await push(config, ecr: ecr, context: context)
        seeded.layerDigest = try await push(layer, ecr: ecr, context: context)
        let manifest = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
            "config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":\(config.count),"digest":"\(configDigest)"},\
            "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","size":\(layer.count),"digest":"\(seeded.layerDigest)"}]}
            """
        let put = try await ecr.putImage(.init(repositoryName: repository, imageManifest: manifest, imageTag: "v1"), context: context)
        seeded.imageDigest = put.image?.imageId?.imageDigest ?? ""
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage"}]}"#
        _ = try await ecr.setRepositoryPolicy(.init(repositoryName: repository, policyText: policy), context: context)
        seeded.uploadID = try await ecr.initiateLayerUpload(.init(repositoryName: repository), context: context).uploadId ?? ""
        return seeded
    }

    private static func push(_ bytes: [UInt8], ecr: ECRService, context: ECRRequestContext) async throws -> String {
        let id = try await ecr.initiateLayerUpload(.init(repositoryName: repository), context: context).uploadId ?? ""
        _ = try await ecr.uploadLayerPart(
            .init(repositoryName: repository, uploadId: id, partFirstByte: 0, partLastByte: Int64(bytes.count - 1), layerPartBlob: Data(bytes)),
            context: context)
        let digest = "sha256:" + SHA256Hasher.hexHash(bytes)
        _ = try await ecr.completeLayerUpload(.init(repositoryName: repository, uploadId: id, layerDigests: [digest]), context: context)
        return digest
    }
}
