import BerthWire
import Testing

@Suite struct OCIErrorTests {
    @Test func rendersTheEnvelope() {
        #expect(OCITest.text(OCIError(.blobUnknown).jsonBody()) == #"{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry"}]}"#)
    }

    @Test func rendersTextAndFieldDetails() {
        let text = OCIError(.manifestInvalid, message: "bad", detail: "line \"1\"\n\\ \u{1}")
        #expect(
            OCITest.text(text.jsonBody())
                == #"{"errors":[{"code":"MANIFEST_INVALID","message":"bad","detail":"line \"1\"\n\\ \u0001"}]}"#)
        let fields = OCIError(.blobUnknown, detail: .fields(["zeta": "1", "digest": "sha256:x", "Alpha": "é"]))
        #expect(
            OCITest.text(fields.jsonBody())
                == #"{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry","detail":{"Alpha":"é","digest":"sha256:x","zeta":"1"}}]}"#
        )
    }

    @Test func rendersSeveralErrors() {
        let body = OCIError.jsonBody([OCIError(.manifestBlobUnknown, detail: .fields(["digest": "d1"])), OCIError(.nameUnknown, message: "m")])
        #expect(
            OCITest.text(body)
                == #"{"errors":[{"code":"MANIFEST_BLOB_UNKNOWN","message":"manifest references a manifest or blob unknown to registry","#
                + #""detail":{"digest":"d1"}},{"code":"NAME_UNKNOWN","message":"m"}]}"#)
        #expect(OCITest.text(OCIError.jsonBody([])) == #"{"errors":[]}"#)
    }

    @Test func defaultStatuses() {
        let expected: [OCIErrorCode: Int] = [
            .blobUnknown: 404, .blobUploadInvalid: 400, .blobUploadUnknown: 404, .digestInvalid: 400, .manifestBlobUnknown: 400,
            .manifestInvalid: 400, .manifestUnknown: 404, .nameInvalid: 400, .nameUnknown: 404, .sizeInvalid: 400, .unauthorized: 401,
            .denied: 403, .unsupported: 405, .tooManyRequests: 429, .tagInvalid: 400, .rangeInvalid: 416, .paginationNumberInvalid: 400,
            .unknown: 500,
            .unavailable: 503,
        ]
        #expect(Set(expected.keys) == Set(OCIErrorCode.allCases))
        for code in OCIErrorCode.allCases {
            #expect(OCIError(code).httpStatus == expected[code], "\(code)")
            #expect(OCIError(code).message == code.defaultMessage)
            #expect(code.rawValue.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || $0 == UInt8(ascii: "_") }, "\(code.rawValue)")
            // Nothing a client causes maps to 5xx.
            if code != .unknown && code != .unavailable { #expect(code.defaultHTTPStatus < 500) }
        }
        #expect(OCIErrorCode.tooManyRequests.rawValue == "TOOMANYREQUESTS")
    }

    @Test func overridesStatusAndCarriesHeaders() {
        let error = OCIError(.unsupported, message: "tag deletion is disabled", httpStatus: 400)
        #expect(error.httpStatus == 400)
        #expect(error.headers.isEmpty)
        #expect(error.detail == nil)
    }

    @Test func commonErrors() {
        #expect(OCIError.methodNotAllowed("PUT", allowed: ["GET", "HEAD"]).headers == ["Allow": "GET, HEAD"])
        #expect(OCIError.uploadRangeInvalid(bytesReceived: 10) == OCIError(.rangeInvalid, httpStatus: 416, headers: ["Range": "0-9"]))
        let unsatisfiable = OCIError.rangeNotSatisfiable(size: 1234)
        #expect(unsatisfiable.httpStatus == 416)
        #expect(unsatisfiable.headers == ["Content-Range": "bytes */1234"])
        let unauthorized = OCIError.unauthorized(challenge: RegistryChallenge.basic(publicURL: "https://r.example"))
        #expect(unauthorized.httpStatus == 401)
        #expect(unauthorized.headers == ["WWW-Authenticate": #"Basic realm="https://r.example/",service="ecr.amazonaws.com""#])
        #expect(OCIError.tooManyRequests(retryAfterSeconds: 30).headers == ["Retry-After": "30"])
        #expect(OCIError.tooManyRequests().headers.isEmpty)
        #expect(OCIError.blobUploadUnknown().httpStatus == 404)
        #expect(OCIError.nameInvalid("X").detail == .fields(["name": "X"]))
    }
}
