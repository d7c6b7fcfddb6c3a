import BerthWire
import Foundation
import Testing

@Suite struct ECRValidationTests {
    private let prefix = "1 validation error detected: "

    @Test func patternViolationNamesMemberAndPattern() throws {
        let error = try #require(decodeError(ECR.CreateRepositoryRequest.self, #"{"repositoryName":"Bad_Name"}"#))
        #expect(error.code == .invalidParameterException)
        #expect(error.httpStatus == 400)
        #expect(
            error.message == prefix + "Value 'Bad_Name' at 'repositoryName' failed to satisfy constraint: "
                + #"Member must satisfy regular expression pattern: [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*"#)
    }

    @Test func patternIsAFullMatch() throws {
        #expect(decodeError(ECR.CreateRepositoryRequest.self, #"{"repositoryName":"ok-name","registryId":"123456789012"}"#) == nil)
        let error = try #require(decodeError(ECR.CreateRepositoryRequest.self, #"{"repositoryName":"ok","registryId":"1234567890123"}"#))
        #expect(error.message.contains("at 'registryId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]{12}"))
    }

    @Test func stringLengthBounds() throws {
        let short = try #require(decodeError(ECR.CreateRepositoryRequest.self, #"{"repositoryName":"a"}"#))
        #expect(
            short.message == prefix + "Value 'a' at 'repositoryName' failed to satisfy constraint: Member must have length greater than or equal to 2"
        )
        let tag = String(repeating: "t", count: 301)
        let long = try #require(decodeError(ECR.PutImageRequest.self, #"{"repositoryName":"app","imageManifest":"{}","imageTag":"\#(tag)"}"#))
        #expect(long.message.contains("at 'imageTag' failed to satisfy constraint: Member must have length less than or equal to 300"))
        #expect(long.message.contains("'" + String(repeating: "t", count: 128) + "...'"))
    }

    @Test func lengthCountsCharactersNotBytes() {
        let tag = String(repeating: "é", count: 300)
        #expect(decodeError(ECR.PutImageRequest.self, #"{"repositoryName":"app","imageManifest":"{}","imageTag":"\#(tag)"}"#) == nil)
    }

    @Test func listLengthBounds() throws {
        let empty = try #require(decodeError(ECR.BatchGetImageRequest.self, #"{"repositoryName":"app","imageIds":[]}"#))
        #expect(empty.message == prefix + "Value '[]' at 'imageIds' failed to satisfy constraint: Member must have length greater than or equal to 1")
        let ids = Array(repeating: #"{"imageTag":"x"}"#, count: 101).joined(separator: ",")
        let many = try #require(decodeError(ECR.BatchGetImageRequest.self, #"{"repositoryName":"app","imageIds":[\#(ids)]}"#))
        #expect(
            many.message == prefix
                + "Value '[101 items]' at 'imageIds' failed to satisfy constraint: Member must have length less than or equal to 100")
        let digests = try #require(decodeError(ECR.BatchCheckLayerAvailabilityRequest.self, #"{"repositoryName":"app","layerDigests":[]}"#))
        #expect(digests.message.contains("at 'layerDigests' failed to satisfy constraint: Member must have length greater than or equal to 1"))
    }

    @Test func numericBounds() throws {
        let low = try #require(decodeError(ECR.ListImagesRequest.self, #"{"repositoryName":"app","maxResults":0}"#))
        #expect(low.message == prefix + "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1")
        let high = try #require(decodeError(ECR.DescribeRepositoriesRequest.self, #"{"maxResults":1001}"#))
        #expect(
            high.message == prefix + "Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000")
        let negative = try #require(decodeError(ECR.UploadLayerPartRequest.self, uploadPart(first: -1)))
        #expect(negative.message.contains("at 'partFirstByte' failed to satisfy constraint: Member must have value greater than or equal to 0"))
    }

    @Test func enumMembership() throws {
        let error = try #require(decodeError(ECR.ListImagesRequest.self, #"{"repositoryName":"app","filter":{"tagStatus":"SOME"}}"#))
        #expect(
            error.message == prefix
                + "Value 'SOME' at 'filter.tagStatus' failed to satisfy constraint: Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]")
    }

    @Test func nestedListPathsAreOneBased() throws {
        let json = #"{"repositoryName":"app","imageIds":[{"imageTag":"ok"},{"imageTag":""}]}"#
        let error = try #require(decodeError(ECR.BatchDeleteImageRequest.self, json))
        #expect(
            error.message == prefix
                + "Value '' at 'imageIds.2.member.imageTag' failed to satisfy constraint: Member must have length greater than or equal to 1")
        let digests = try #require(
            decodeError(
                ECR.BatchCheckLayerAvailabilityRequest.self,
                #"{"repositoryName":"app","layerDigests":["sha256:ab","\#(String(repeating: "a", count: 1001))"]}"#))
        #expect(
            digests.message.contains("at 'layerDigests.2.member' failed to satisfy constraint: Member must have length less than or equal to 1000"))
    }

    @Test func everyViolationIsReported() throws {
        let error = try #require(decodeError(ECR.DescribeImagesRequest.self, #"{"repositoryName":"A","maxResults":5000}"#))
        #expect(error.message.hasPrefix("3 validation errors detected: Value 'A' at 'repositoryName'"))
        #expect(error.message.contains("; Value '5000' at 'maxResults'"))
    }

    @Test func missingRequiredMember() throws {
        let error = try #require(decodeError(ECR.CreateRepositoryRequest.self, #"{"registryId":"123456789012"}"#))
        #expect(error.code == .invalidParameterException)
        #expect(error.message == prefix + "Value null at 'repositoryName' failed to satisfy constraint: Member must not be null")
        let null = try #require(decodeError(ECR.CreateRepositoryRequest.self, #"{"repositoryName":null}"#))
        #expect(null.message.contains("Value null at 'repositoryName'"))
    }

    @Test func missingRequiredMemberInsideList() throws {
        let error = try #require(
            decodeError(ECR.CreateRepositoryRequest.self, #"{"repositoryName":"app","tags":[{"Key":"a","Value":"b"},{"Key":"c"}]}"#))
        #expect(error.message == prefix + "Value null at 'tags.2.member.Value' failed to satisfy constraint: Member must not be null")
    }

    @Test func hugeValuesAreCutInMessages() throws {
        let blob = Data(count: 20_971_521).base64EncodedString()
        let json =
            #"{"repositoryName":"app","uploadId":"0b1e5b64-1f6e-4c7a-9b6d-2a3c4d5e6f70","partFirstByte":0,"partLastByte":1,"layerPartBlob":"\#(blob)"}"#
        let error = try #require(decodeError(ECR.UploadLayerPartRequest.self, json))
        #expect(
            error.message == prefix
                + "Value '<20971521 bytes>' at 'layerPartBlob' failed to satisfy constraint: Member must have length less than or equal to 20971520")
        let manifest = String(repeating: "m", count: 4_194_305)
        let big = try #require(decodeError(ECR.PutImageRequest.self, #"{"repositoryName":"app","imageManifest":"\#(manifest)"}"#))
        #expect(big.message.count < 400)
    }

    @Test func validateOnBuiltValues() {
        var input = ECR.ListImagesRequest(repositoryName: "app", maxResults: 10)
        #expect(ecrError { () throws(ECRError) in try input.validate() } == nil)
        input.filter = ECR.ListImagesFilter(tagStatus: "NOPE")
        #expect(ecrError { () throws(ECRError) in try input.validate() }?.code == .invalidParameterException)
    }

    @Test func uploadIdPattern() throws {
        let error = try #require(decodeError(ECR.UploadLayerPartRequest.self, uploadPart(first: 0, uploadId: "not-a-uuid")))
        #expect(error.message.contains("at 'uploadId' failed to satisfy constraint: Member must satisfy regular expression pattern"))
    }

    private func uploadPart(first: Int, uploadId: String = "0b1e5b64-1f6e-4c7a-9b6d-2a3c4d5e6f70") -> String {
        #"{"repositoryName":"app","uploadId":"\#(uploadId)","partFirstByte":\#(first),"partLastByte":2,"layerPartBlob":"AQID"}"#
    }
}
