import BerthAuth
import BerthWire
import HTTPTypes
import Hummingbird
import NIOCore

/// Renders ECR answers: `application/x-amz-json-1.1`, `x-amzn-RequestId` always, `x-amzn-ErrorType` on errors.
enum ECRResponse {
    static let contentType = "application/x-amz-json-1.1"
    static let requestIDHeader = HTTPField.Name("x-amzn-RequestId")!
    static let errorTypeHeader = HTTPField.Name("x-amzn-ErrorType")!

    static func success(_ body: [UInt8], requestID: String) -> Response {
        let headers: HTTPFields = [.contentType: contentType, requestIDHeader: requestID]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func failure(_ error: ECRError, requestID: String) -> Response {
        let headers: HTTPFields = [.contentType: contentType, requestIDHeader: requestID, errorTypeHeader: error.code.rawValue]
        return Response(status: .init(code: error.httpStatus), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: error.jsonBody())))
    }
}

extension ECRError {
    /// The ECR error for a refused signature (same name, message and status AWS uses).
    static func authentication(_ error: SigV4Error) -> ECRError {
        var rendered = ECRError(ECRErrorCode(rawValue: error.code) ?? .invalidSignatureException, error.message)
        rendered.httpStatus = error.httpStatus
        return rendered
    }
}
