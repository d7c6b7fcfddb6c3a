public import Hummingbird
import NIOCore

/// The one HTTP responder of berth-server: dispatches `/healthz`, the ECR API (`POST /`, `GET /?Action=`), signed
/// layer downloads and the OCI API (`/v2/...`) without a router, since ECR dispatches on a header and OCI
/// names contain `/`.
public struct BerthResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    let services: BerthServices
    let ecr: ECRResponder
    let downloads: LayerDownloadResponder
    let oci: OCIResponder

    public init(services: BerthServices) {
        self.services = services
        self.ecr = ECRResponder(services: services)
        self.downloads = LayerDownloadResponder(services: services)
        self.oci = OCIResponder(services: services)
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        if path == "/" {
            return await ecr.respond(to: request)
        }
        if path == "/healthz" {
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        if path == "/v2" || path.hasPrefix("/v2/") {
            return await oci.respond(to: request)
        }
        if path.hasPrefix("/berth/layers/") {
            return downloads.respond(to: request)
        }
        return Response(status: .notFound, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "not found\n")))
    }
}
