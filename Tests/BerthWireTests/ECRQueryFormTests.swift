import BerthWire
import Foundation
import Testing

@Suite struct ECRQueryFormTests {
    private func body(_ operation: String, _ query: [(String, String)]) throws(ECRError) -> String {
        String(decoding: try ECRQueryForm.jsonBody(operation: operation, query: query), as: UTF8.self)
    }

    private func error(_ operation: String, _ query: [(String, String)]) -> ECRError? {
        ecrError { () throws(ECRError) in _ = try body(operation, query) }
    }

    @Test func listImagesWithFilterAndNumbers() throws {
        let json = try body(
            "ListImages",
            [("Action", "ListImages"), ("Version", "2015-09-21"), ("repositoryName", "app"), ("filter.tagStatus", "TAGGED"), ("maxResults", "25")])
        #expect(json == #"{"repositoryName":"app","filter":{"tagStatus":"TAGGED"},"maxResults":25}"#)
        let input = try ECRDispatcher.decodeInput(ECR.ListImagesRequest.self, from: bytes(json))
        #expect(input.filter?.tagStatus == "TAGGED")
        #expect(input.maxResults == 25)
    }

    @Test func batchGetImageWithMemberIndexes() throws {
        let json = try body(
            "BatchGetImage",
            [
                ("repositoryName", "app"), ("imageIds.member.2.imageTag", "second"), ("imageIds.member.1.imageTag", "first"),
                ("imageIds.member.1.imageDigest", "sha256:abc"),
            ])
        #expect(json == #"{"repositoryName":"app","imageIds":[{"imageTag":"first","imageDigest":"sha256:abc"},{"imageTag":"second"}]}"#)
        let input = try ECRDispatcher.decodeInput(ECR.BatchGetImageRequest.self, from: bytes(json))
        #expect(input.imageIds.map(\.imageTag) == ["first", "second"])
    }

    @Test func batchCheckLayerAvailabilityWithRepeatedDigests() throws {
        let json = try body(
            "BatchCheckLayerAvailability", [("repositoryName", "app"), ("layerDigests", "sha256:aa"), ("layerDigests", "sha256:bb")])
        #expect(json == #"{"repositoryName":"app","layerDigests":["sha256:aa","sha256:bb"]}"#)
    }

    @Test func scalarListsWithIndexes() throws {
        let json = try body("DescribeRepositories", [("repositoryNames.2", "b"), ("repositoryNames.member.1", "a"), ("repositoryNames", "c")])
        #expect(json == #"{"repositoryNames":["a","b","c"]}"#)
    }

    @Test func createRepositoryWithTagsAndNestedStructures() throws {
        let json = try body(
            "CreateRepository",
            [
                ("repositoryName", "team/app"), ("tags.member.1.Key", "env"), ("tags.member.1.Value", "prod"),
                ("imageScanningConfiguration.scanOnPush", "true"), ("encryptionConfiguration.encryptionType", "AES256"),
                ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"), ("X-Amz-Signature", "abc"),
            ])
        #expect(
            json == #"{"repositoryName":"team/app","tags":[{"Key":"env","Value":"prod"}],"imageScanningConfiguration":{"scanOnPush":true},"#
                + #""encryptionConfiguration":{"encryptionType":"AES256"}}"#)
        let input = try ECRDispatcher.decodeInput(ECR.CreateRepositoryRequest.self, from: bytes(json))
        #expect(input.tags == [ECR.Tag(Key: "env", Value: "prod")])
        #expect(input.imageScanningConfiguration?.scanOnPush == true)
    }

    @Test func memberNamesMayDifferInCase() throws {
        #expect(try body("DeleteRepository", [("RepositoryName", "app"), ("Force", "FALSE")]) == #"{"repositoryName":"app","force":false}"#)
    }

    @Test func blobsStayBase64() throws {
        let json = try body(
            "UploadLayerPart",
            [
                ("repositoryName", "app"), ("uploadId", "0b1e5b64-1f6e-4c7a-9b6d-2a3c4d5e6f70"), ("partFirstByte", "0"),
                ("partLastByte", "2"), ("layerPartBlob", "AQID"),
            ])
        #expect(json.contains(#""layerPartBlob":"AQID""#))
        #expect(json.contains(#""partLastByte":2"#))
        let input = try ECRDispatcher.decodeInput(ECR.UploadLayerPartRequest.self, from: bytes(json))
        #expect(input.layerPartBlob == Data([1, 2, 3]))
        // A `+` that was not percent-encoded arrives as a space and is restored.
        #expect(try body("UploadLayerPart", [("layerPartBlob", "a b=")]) == #"{"layerPartBlob":"a+b="}"#)
    }

    @Test func unknownParameterIsNamed() throws {
        let unknown = try #require(error("ListImages", [("repositoryName", "app"), ("colour", "blue")]))
        #expect(unknown.code == .invalidParameterException)
        #expect(unknown.message == "The parameter colour is not recognized")
        let nested = try #require(error("ListImages", [("filter.colour", "blue")]))
        #expect(nested.message == "The parameter filter.colour is not recognized")
    }

    @Test func wrongTypesAreInvalidParameters() throws {
        let number = try #require(error("ListImages", [("repositoryName", "app"), ("maxResults", "many")]))
        #expect(number.code == .invalidParameterException)
        #expect(number.message == "Invalid value 'many' for parameter maxResults: expected an integer")
        let flag = try #require(error("DeleteRepository", [("repositoryName", "app"), ("force", "maybe")]))
        #expect(flag.message == "Invalid value 'maybe' for parameter force: expected true or false")
        let blob = try #require(error("UploadLayerPart", [("layerPartBlob", "***")]))
        #expect(blob.code == .invalidParameterException)
    }

    @Test func misplacedShapesAreInvalidParameters() throws {
        #expect(error("ListImages", [("filter", "TAGGED")])?.code == .invalidParameterException)
        #expect(error("BatchGetImage", [("imageIds", "latest")])?.code == .invalidParameterException)
        #expect(error("BatchGetImage", [("imageIds.member.0.imageTag", "x")])?.code == .invalidParameterException)
        #expect(
            error("ListImages", [("repositoryName", "a"), ("repositoryName", "b")])?.message == "The parameter repositoryName is given more than once"
        )
    }

    @Test func unknownOperation() {
        #expect(error("MakeCoffee", [])?.code == .unknownOperationException)
    }

    @Test func noParametersIsAnEmptyObject() throws {
        #expect(try body("GetAuthorizationToken", [("Action", "GetAuthorizationToken")]) == "{}")
    }

    @Test func queryBodyDispatches() async throws {
        struct Echo: ECROperationHandler {
            func authorize(_ operation: ECROperation, target: ECRAccessTarget, context: ECRRequestContext) async throws(ECRError) {}

            func listImages(_ input: ECR.ListImagesRequest, context: ECRRequestContext) async throws(ECRError) -> ECR.ListImagesResponse {
                ECR.ListImagesResponse(imageIds: [ECR.ImageIdentifier(imageTag: input.filter?.tagStatus)])
            }
        }
        let json = try ECRQueryForm.jsonBody(operation: "ListImages", query: [("repositoryName", "app"), ("filter.tagStatus", "ANY")])
        let output = try await ECRDispatcher.dispatch(operationName: "ListImages", body: json, handler: Echo(), context: testContext)
        #expect(String(decoding: output, as: UTF8.self) == #"{"imageIds":[{"imageTag":"ANY"}]}"#)
    }
}
