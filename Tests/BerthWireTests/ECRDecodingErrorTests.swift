import BerthWire
import Testing

@Suite struct ECRDecodingErrorTests {
    @Test func wrongJSONTypeIsSerializationException() throws {
        let error = try #require(decodeError(ECR.ListImagesRequest.self, #"{"repositoryName":"app","maxResults":"ten"}"#))
        #expect(error.code == .serializationException)
        #expect(error.httpStatus == 400)
        #expect(error.message.contains("maxResults"))
        let boolean = try #require(decodeError(ECR.DeleteRepositoryRequest.self, #"{"repositoryName":"app","force":"yes"}"#))
        #expect(boolean.code == .serializationException)
        let nested = try #require(decodeError(ECR.BatchGetImageRequest.self, #"{"repositoryName":"app","imageIds":[{"imageTag":5}]}"#))
        #expect(nested.code == .serializationException)
        #expect(nested.message.contains("imageIds.1.member.imageTag"))
        let structure = try #require(decodeError(ECR.ListImagesRequest.self, #"{"repositoryName":"app","filter":"TAGGED"}"#))
        #expect(structure.code == .serializationException)
    }

    @Test func invalidBase64IsSerializationException() throws {
        let json =
            #"{"repositoryName":"app","uploadId":"0b1e5b64-1f6e-4c7a-9b6d-2a3c4d5e6f70","partFirstByte":0,"partLastByte":1,"layerPartBlob":"***"}"#
        let error = try #require(decodeError(ECR.UploadLayerPartRequest.self, json))
        #expect(error.code == .serializationException)
        #expect(error.message.contains("layerPartBlob"))
    }

    @Test func malformedJSON() throws {
        let error = try #require(decodeError(ECR.DescribeRepositoriesRequest.self, #"{"maxResults": "#))
        #expect(error.code == .serializationException)
        #expect(error.message == "The request body is not valid JSON")
    }

    @Test func bodyMustBeAnObject() throws {
        for body in ["[]", "42", #""text""#, "null"] {
            let error = try #require(decodeError(ECR.DescribeRepositoriesRequest.self, body))
            #expect(error.code == .serializationException, "body \(body)")
        }
    }

    @Test func emptyBodyIsAnEmptyObject() throws {
        #expect(try decode(ECR.DescribeRepositoriesRequest.self, "") == ECR.DescribeRepositoriesRequest())
        #expect(try decode(ECR.GetAuthorizationTokenRequest.self, " \n") == ECR.GetAuthorizationTokenRequest())
        let missing = try #require(decodeError(ECR.ListImagesRequest.self, ""))
        #expect(missing.code == .invalidParameterException)
    }
}
