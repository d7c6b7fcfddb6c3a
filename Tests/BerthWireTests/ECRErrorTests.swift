import BerthWire
import Testing

@Suite struct ECRErrorTests {
    @Test func bodyCarriesTypeAndMessage() {
        let error = ECRError.repositoryNotFound(name: "app", registryId: "123456789012")
        let object = jsonObject(error.jsonBody())
        #expect(object.count == 2)
        #expect(object["__type"] as? String == "RepositoryNotFoundException")
        #expect(object["message"] as? String == "The repository with name 'app' does not exist in the registry with id '123456789012'")
        #expect(
            String(decoding: error.jsonBody(), as: UTF8.self)
                == #"{"__type":"RepositoryNotFoundException","message":"The repository with name 'app' does not exist in the registry with id '123456789012'"}"#
        )
    }

    @Test func extraFieldsAreRenderedInNameOrder() {
        let error = ECRError(
            .invalidLayerPartException, "bad part",
            extraFields: ["uploadId": "u-1", "lastValidByteReceived": 5_242_879, "registryId": .string("123456789012"), "repositoryName": "app"])
        #expect(
            String(decoding: error.jsonBody(), as: UTF8.self)
                == #"{"__type":"InvalidLayerPartException","message":"bad part","lastValidByteReceived":5242879,"registryId":"123456789012","#
                + #""repositoryName":"app","uploadId":"u-1"}"#)
        #expect(ECRErrorCode.invalidLayerPartException.modeledFields == ["registryId", "repositoryName", "uploadId", "lastValidByteReceived"])
    }

    @Test func messagesAreEscaped() {
        let error = ECRError.invalidParameter("quote \" backslash \\ newline \n tab \t bell \u{7} ünï")
        let object = jsonObject(error.jsonBody())
        #expect(object["message"] as? String == "quote \" backslash \\ newline \n tab \t bell \u{7} ünï")
    }

    @Test func httpStatusFollowsTheCode() {
        #expect(ECRError.server("boom").httpStatus == 500)
        #expect(ECRError(.internalFailure, "x").httpStatus == 500)
        #expect(ECRError(.missingAuthenticationTokenException, "x").httpStatus == 403)
        #expect(ECRError(.accessDeniedException, "x").httpStatus == 403)
        #expect(ECRError.invalidParameter("x").httpStatus == 400)
        #expect(ECRError(.layersNotFoundException, "x").httpStatus == 400)
        var overridden = ECRError(.unrecognizedClientException, "x")
        overridden.httpStatus = 403
        #expect(overridden.jsonBody() == ECRError(.unrecognizedClientException, "x").jsonBody())
    }

    @Test func conveniences() {
        #expect(ECRError.serialization("s").code == .serializationException)
        #expect(ECRError.unknownOperation("u").code == .unknownOperationException)
        #expect(ECRError.server("b").code == .serverException)
        #expect(ECRError.notSupported(.putImage).message == "Operation PutImage is not supported by this Berth server yet")
        #expect(ECRError.invalidParameter("p").description == "InvalidParameterException: p")
    }

    @Test func everyModeledAndProtocolCodeIsPresent() {
        #expect(ECRErrorCode.allCases.count == 47 + 9)
        for name in [
            "SerializationException", "UnknownOperationException", "MissingAuthenticationTokenException", "IncompleteSignatureException",
            "UnrecognizedClientException", "InvalidSignatureException", "AccessDeniedException", "ThrottlingException", "InternalFailure",
            "ServerException", "ValidationException", "ImageTagAlreadyExistsException", "KmsException",
        ] {
            #expect(ECRErrorCode(rawValue: name) != nil, "\(name)")
        }
        #expect(ECRErrorCode.kmsException.modeledFields == ["kmsError"])
    }
}
