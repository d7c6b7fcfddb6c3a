import BerthCrypto
import BerthService
public import Hummingbird
public import Logging
import NIOCore

/// The one HTTP responder of berth-server: dispatches `/healthz`, the ECR API (`POST /`, `GET /?Action=`), signed
/// layer downloads and the OCI API (`/v2/...`) without a router, since ECR dispatches on a header and OCI
/// names contain `/`. Every request gets one structured log line (`RequestLog`), written after its answer is sent.
public struct BerthResponder: HTTPResponder {
    public typealias Context = BerthRequestContext

    let services: BerthServices
    let logger: Logger
    let ecr: ECRResponder
    let downloads: LayerDownloadResponder
    let blobBodies: BlobStreaming

    /// A responder over `services`, logging to `logger`. `sendsFilesZeroCopy` only where the server's pipeline has
    /// `FileRegionInstaller` (`BerthHTTPServer` does); tests that call the responder directly leave it off.
    public init(services: BerthServices, logger: Logger = Logger(label: "berth"), sendsFilesZeroCopy: Bool = false) {
        self.services = services
        self.logger = logger
        self.ecr = ECRResponder(services: services)
        self.blobBodies = BlobStreaming(sendsFilesZeroCopy: sendsFilesZeroCopy)
        self.downloads = LayerDownloadResponder(services: services, blobBodies: blobBodies)
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        let log = RequestLog(
            requestID: SecureRandom.uuid(), door: Self.door(path: path, method: request.method),
            bytesIn: request.headers[.contentLength].flatMap { Int64($0) } ?? 0)
        // The core's storage calls are synchronous: the request runs on the storage pool, so they block one of its
        // threads and never the Swift concurrency pool.
        let response = await withTaskExecutorPreference(StorageExecutor.shared) {
            await RequestLog.$current.withValue(log) {
                await RequestTrace.$requestID.withValue(log.requestID) { await route(request, context: context, log: log) }
            }
        }
        return finishing(response, log: log)
    }

    private func route(_ request: Request, context: Context, log: RequestLog) async -> Response {
        let response: Response
        switch log.door {
        case .ecr, .ecrQuery:
            response = await ecr.respond(to: request, context: context, log: log)
        case .health:
            log.update { $0.operation = "healthz" }
            response = Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        case .oci:
            // The host name picks the region's registry (`<account>.dkr.ecr.<region>.<registry-domain>`).
            let oci = OCIResponder(
                services: services, registry: services.registries.registry(forHost: request.head.authority), blobBodies: blobBodies)
            response = await oci.respond(to: request, context: context, log: log)
        case .download:
            response = await downloads.respond(to: request, log: log)
        case .other:
            response = Response(status: .notFound, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "not found\n")))
        }
        return response
    }

    /// Which door a path belongs to.
    static func door(path: String, method: HTTPRequest.Method) -> RequestLog.Door {
        if path == "/" { return method == .get ? .ecrQuery : .ecr }
        if path == "/healthz" { return .health }
        if path == "/v2" || path.hasPrefix("/v2/") { return .oci }
        if path.hasPrefix(LayerDownloadPath.prefix) { return .download }
        return .other
    }

    /// The response with its body wrapped so the log line is written once the body has been sent (or failed).
    private func finishing(_ response: Response, log: RequestLog) -> Response {
        var response = response
        let body = response.body
        let logger = self.logger
        log.update {
            $0.status = Int(response.status.code)
            $0.bytesOut = Int64(body.contentLength ?? 0)
        }
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            do {
                try await body.write(writer)
                log.emit(to: logger)
            } catch {
                log.update { $0.cause = "response body: \(error)" }
                log.emit(to: logger)
                throw error
            }
        }
        return response
    }
}
