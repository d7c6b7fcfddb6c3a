import BerthAuth
import BerthModel
import BerthService
import HTTPTypes
import Hummingbird
import NIOCore

/// Serves the URLs GetDownloadUrlForLayer hands out: a plain GET with no other credentials, honoured only while
/// the signature is valid and unexpired, streaming the exact layer bytes.
struct LayerDownloadResponder: Sendable {
    let services: BerthServices
    /// How blob bytes become response bodies.
    let blobBodies: BlobStreaming

    /// The signature was made by GetDownloadUrlForLayer, which passed the authorize point: a valid, unexpired URL
    /// is its own authorization, as ECR's presigned layer URLs are.
    func respond(to request: Request, log: RequestLog) async -> Response {
        log.update { $0.operation = "\(request.method.rawValue) layer" }
        guard request.method == .get || request.method == .head else { return Self.plain(.methodNotAllowed, "method not allowed\n") }
        let path = request.uri.path
        guard services.downloadURLs.verify(path: path, query: request.uri.query ?? "", now: services.clock()) else {
            return Self.plain(.forbidden, "the download URL is invalid or has expired\n")
        }
        guard let (region, repository, digestText) = LayerDownloadPath.parse(path), let digest = Digest(parsing: digestText),
            services.registries.regions.allows(region)
        else {
            return Self.plain(.notFound, "not found\n")
        }
        log.update { $0.repository = repository }
        let reader: BlobContent
        do {
            reader = try services.registries.registry(forRegion: region).openBlob(repository: repository, digest: digest)
        } catch RegistryError.blobsNotFound {
            return Self.plain(.notFound, "layer not found\n")
        } catch {
            log.update { $0.cause = String(describing: error) }
            return Self.plain(.internalServerError, "storage failure\n")
        }
        var headers: HTTPFields = [.contentType: "application/octet-stream", .contentLength: String(reader.length)]
        headers[HTTPField.Name("Docker-Content-Digest")!] = digest.description
        if request.method == .head {
            reader.close()
            return Response(status: .ok, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: blobBodies.body(reader))
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
