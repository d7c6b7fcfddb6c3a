import BerthModel
import BerthService
import BerthWire
import HTTPTypes
import Hummingbird

extension OCIResponder {
    /// How long a blob GET's redirect URL stays valid, in seconds (long enough for a slow pull of a big layer).
    static let redirectLifetime: Int64 = 1_200

    func getBlob(_ request: Request, name: String, digest: Digest) -> Response {
        attempt(request, about: .blob) {
            let layer = try registry.blob(digest, in: name, recordingUse: request.method == .head)
            var headers: HTTPFields = [
                OCIReply.name(OCIHeaderName.contentDigest): digest.description, .acceptRanges: "bytes",
                .contentType: "application/octet-stream", .eTag: "\"\(digest)\"", OCIReply.apiVersion: OCIHeaderName.apiVersionValue,
            ]
            var status = HTTPResponse.Status.ok
            var range: Range<Int64>?
            if request.method == .get {
                switch ByteRangeRequest.parse(request.headers[.range], size: layer.size) {
                case .full: break
                case .partial(let part):
                    range = part
                    status = .partialContent
                    headers[.contentRange] = ByteRangeRequest.contentRangeHeader(for: part, size: layer.size)
                case .unsatisfiable:
                    throw OCIError.rangeNotSatisfiable(size: layer.size)
                }
            }
            let length = range.map { $0.upperBound - $0.lowerBound } ?? layer.size
            headers[.contentLength] = String(length)
            if request.method == .head || length == 0 { return Response(status: status, headers: headers) }
            // A store that hands out presigned URLs serves the bytes itself (the client follows the redirect).
            if let url = try registry.directDownloadURL(for: layer, expiresIn: Self.redirectLifetime) {
                return Response(status: .temporaryRedirect, headers: [.location: url, OCIReply.apiVersion: OCIHeaderName.apiVersionValue])
            }
            let reader = try registry.openBlob(repository: name, digest: digest, range: range)
            return Response(status: status, headers: headers, body: blobBodies.body(reader))
        }
    }

    func deleteBlob(_ request: Request, name: String, digest: Digest) -> Response {
        attempt(request, about: .blob) {
            try registry.deleteBlob(digest, from: name)
            return OCIReply.empty(.accepted)
        }
    }
}
