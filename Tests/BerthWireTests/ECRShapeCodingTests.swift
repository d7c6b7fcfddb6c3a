import BerthWire
import Foundation
import Testing

@Suite struct ECRShapeCodingTests {
    @Test func createRepositoryWithTagsAndEncryption() throws {
        let input = try decode(
            ECR.CreateRepositoryRequest.self,
            """
            {"repositoryName":"team/app","imageTagMutability":"IMMUTABLE",
             "tags":[{"Key":"env","Value":"prod"},{"Key":"team","Value":"core"}],
             "encryptionConfiguration":{"encryptionType":"KMS","kmsKey":"arn:aws:kms:us-east-1:123456789012:key/abc"},
             "imageScanningConfiguration":{"scanOnPush":true},"somethingNew":42}
            """)
        #expect(input.repositoryName == "team/app")
        #expect(input.registryId == nil)
        #expect(input.tags == [ECR.Tag(Key: "env", Value: "prod"), ECR.Tag(Key: "team", Value: "core")])
        #expect(
            input.encryptionConfiguration == ECR.EncryptionConfiguration(encryptionType: "KMS", kmsKey: "arn:aws:kms:us-east-1:123456789012:key/abc"))
        #expect(input.imageScanningConfiguration?.scanOnPush == true)
        #expect(input.imageTagMutability == "IMMUTABLE")
    }

    @Test func putImageKeepsManifestText() throws {
        let manifest = #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","layers":[]}"#
        let body = try JSONSerialization.data(withJSONObject: ["repositoryName": "app", "imageManifest": manifest, "imageTag": "v1"])
        let input = try ECRDispatcher.decodeInput(ECR.PutImageRequest.self, from: Array(body))
        #expect(input.imageManifest == manifest)
        #expect(input.imageTag == "v1")
        #expect(input.imageDigest == nil)
    }

    @Test func uploadLayerPartDecodesBase64Blob() throws {
        let payload = Data((0..<300).map { UInt8($0 % 256) })
        let json = """
            {"repositoryName":"app","uploadId":"0b1e5b64-1f6e-4c7a-9b6d-2a3c4d5e6f70","partFirstByte":0,"partLastByte":299,
             "layerPartBlob":"\(payload.base64EncodedString())"}
            """
        let input = try decode(ECR.UploadLayerPartRequest.self, json)
        #expect(input.layerPartBlob == payload)
        #expect(input.partFirstByte == 0)
        #expect(input.partLastByte == 299)
    }

    @Test func batchGetImageWithImageIds() throws {
        let input = try decode(
            ECR.BatchGetImageRequest.self,
            #"{"repositoryName":"app","imageIds":[{"imageTag":"latest"},{"imageDigest":"sha256:abc"}],"acceptedMediaTypes":["application/vnd.oci.image.manifest.v1+json"]}"#
        )
        #expect(input.imageIds == [ECR.ImageIdentifier(imageTag: "latest"), ECR.ImageIdentifier(imageDigest: "sha256:abc")])
        #expect(input.acceptedMediaTypes == ["application/vnd.oci.image.manifest.v1+json"])
    }

    @Test func describeImagesWithFilter() throws {
        let input = try decode(
            ECR.DescribeImagesRequest.self, #"{"repositoryName":"app","filter":{"tagStatus":"UNTAGGED"},"maxResults":50}"#)
        #expect(input.filter?.tagStatus == "UNTAGGED")
        #expect(input.maxResults == 50)
        #expect(input.nextToken == nil)
    }

    @Test func outputOmitsNilMembersAndWritesEpochSeconds() throws {
        let repository = ECR.Repository(
            repositoryArn: "arn:aws:ecr:us-east-1:123456789012:repository/team/app",
            registryId: "123456789012",
            repositoryName: "team/app",
            repositoryUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app",
            createdAt: 1_700_000_000.25,
            imageTagMutability: "MUTABLE"
        )
        let body = try ECRDispatcher.encodeOutput(ECR.CreateRepositoryResponse(repository: repository))
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.contains(#""createdAt":1700000000.25"#))
        #expect(text.contains(#""repositoryName":"team/app""#))
        #expect(!text.contains("encryptionConfiguration"))
        #expect(!text.contains("null"))
        let back = try JSONDecoder().decode(ECR.CreateRepositoryResponse.self, from: Data(body))
        #expect(back.repository == repository)
    }

    @Test func blobOutputIsBase64AndEmptyOutputIsEmptyObject() throws {
        #expect(try ECRDispatcher.encodeOutput(ECR.TagResourceResponse()) == bytes("{}"))
        let input = ECR.UploadLayerPartRequest(
            repositoryName: "app", uploadId: "u", partFirstByte: 0, partLastByte: 2, layerPartBlob: Data([1, 2, 3]))
        let object = jsonObject(try ECRDispatcher.encodeOutput(input))
        #expect(object["layerPartBlob"] as? String == "AQID")
    }

    @Test func memberlessInputAcceptsAnyObject() throws {
        let input = try decode(ECR.DescribeRegistryRequest.self, #"{"unexpected":1}"#)
        #expect(input == ECR.DescribeRegistryRequest())
    }
}
