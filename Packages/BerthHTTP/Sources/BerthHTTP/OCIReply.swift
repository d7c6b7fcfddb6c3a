import BerthWire
import HTTPTypes
import Hummingbird
import NIOCore

/// Builds /v2/ responses: every one carries `Docker-Distribution-API-Version: registry/2.0`; HEAD answers carry
/// the headers (including `Content-Length`) without a body.
enum OCIReply {
    static let apiVersion = HTTPField.Name(OCIHeaderName.apiVersion)!
    static let link = HTTPField.Name("Link")!

    static func error(_ error: OCIError, method: HTTPRequest.Method) -> Response {
        var headers: HTTPFields = [apiVersion: OCIHeaderName.apiVersionValue]
        for (name, value) in error.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return bytes(error.jsonBody(), contentType: "application/json", status: .init(code: error.httpStatus), method: method, headers: headers)
    }

    static func bytes(
        _ body: [UInt8], contentType: String, status: HTTPResponse.Status, method: HTTPRequest.Method, headers: HTTPFields = [:]
    ) -> Response {
        var headers = headers
        headers[apiVersion] = OCIHeaderName.apiVersionValue
        headers[.contentType] = contentType
        headers[.contentLength] = String(body.count)
        if method == .head { return Response(status: status, headers: headers) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// An answer with no body (`Content-Length: 0`).
    static func empty(_ status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[apiVersion] = OCIHeaderName.apiVersionValue
        headers[.contentLength] = "0"
        return Response(status: status, headers: headers)
    }

    /// Header name from a string constant.
    static func name(_ text: String) -> HTTPField.Name { HTTPField.Name(text)! }
}
