import BerthModel
import BerthService
import BerthWire
import HTTPTypes
import Hummingbird

/// Serves the OCI Distribution API (`/v2/...`) over the same registry core as the ECR API.
struct OCIResponder: Sendable {
    let services: BerthServices
    let authenticator: RegistryAuthenticator

    /// The registry this request reaches (its region).
    let registry: Registry
    /// How blob bytes become response bodies.
    let blobBodies: BlobStreaming

    init(services: BerthServices, registry: Registry, blobBodies: BlobStreaming) {
        self.services = services
        self.registry = registry
        self.blobBodies = blobBodies
        self.authenticator = RegistryAuthenticator(services: services, registry: registry)
    }

    /// Authenticates, parses the route, passes the one authorize point, then serves the route.
    func respond(to request: Request, context: BerthRequestContext, log: RequestLog) async -> Response {
        let path = PercentEncoding.decode(request.uri.path, plusAsSpace: false)
        if path == "/v2/token" {
            log.update { $0.operation = "token" }
            return authenticator.issueBearerToken(request)
        }
        log.update { $0.operation = request.method.rawValue }
        let caller: Caller
        switch authenticator.authenticate(request, sourceAddress: context.sourceAddress) {
        case .failure(let challenge):
            await drain(request)
            return OCIReply.error(challenge, method: request.method)
        case .success(let authenticated):
            caller = authenticated
        }
        log.update { $0.principal = caller.principalARN }
        let route: OCIRoute
        switch OCIRoute.parse(method: request.method.rawValue, path: path) {
        case .failure(let error):
            await drain(request)
            return OCIReply.error(error, method: request.method)
        case .success(let parsed):
            route = parsed
        }
        log.update {
            $0.operation = "\(request.method.rawValue) \(route.kindName)"
            $0.repository = route.name?.value
        }
        let mountSource = queryValue(request, "mount") == nil ? nil : queryValue(request, "from")
        let permissions = registry.distributionPermissions(for: route, method: request.method.rawValue, mountSource: mountSource)
        do {
            try await registry.authorize(AccessRequest(caller: caller, permissions: permissions))
        } catch {
            await drain(request)
            return failure(error, request: request, about: .other)
        }
        return await respond(to: request, route: route, caller: caller)
    }

    private func respond(to request: Request, route: OCIRoute, caller: Caller) async -> Response {
        let method = request.method
        switch route {
        case .base:
            return OCIReply.bytes(Array("{}".utf8), contentType: "application/json", status: .ok, method: method)
        case .catalog:
            return catalog(request)
        case .tagsList(let name):
            return tagsList(request, name: name.value)
        case .referrers(let name, let digest):
            return referrers(request, name: name.value, subject: digest)
        case .manifest(let name, let reference):
            switch method {
            case .put: return await putManifest(request, name: name.value, reference: reference)
            case .delete: return deleteManifest(request, name: name.value, reference: reference)
            default: return getManifest(request, name: name.value, reference: reference, caller: caller)
            }
        case .blob(let name, let digest):
            if method == .delete { return deleteBlob(request, name: name.value, digest: digest) }
            return getBlob(request, name: name.value, digest: digest)
        case .uploadStart(let name):
            return await startUpload(request, name: name.value)
        case .upload(let name, let id):
            switch method {
            case .patch: return await patchUpload(request, name: name.value, id: id)
            case .put: return await putUpload(request, name: name.value, id: id)
            case .delete: return cancelUpload(request, name: name.value, id: id)
            default: return uploadStatus(request, name: name.value, id: id)
            }
        }
    }

    /// Reads and discards a request body we are refusing, so the connection stays usable.
    func drain(_ request: Request) async {
        do {
            for try await _ in request.body {}
        } catch {}
    }

    /// The decoded query parameters.
    func query(_ request: Request) -> [(String, String)] {
        QueryString.parse(request.uri.query ?? "")
    }

    func queryValue(_ request: Request, _ name: String) -> String? {
        query(request).first { $0.0 == name }?.1
    }

    /// Runs a registry call, turning its failure into the OCI answer.
    func attempt(_ request: Request, about subject: OCIError.Subject, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch {
            return failure(error, request: request, about: subject)
        }
    }

    /// The synchronous twin of `attempt`, for handlers that read no body.
    func attempt(_ request: Request, about subject: OCIError.Subject, _ body: () throws -> Response) -> Response {
        do {
            return try body()
        } catch {
            return failure(error, request: request, about: subject)
        }
    }

    /// The OCI answer for a failed call: registry errors through the one table, anything unexpected as UNKNOWN. The
    /// cause of a 5xx goes to the request's log line.
    func failure(_ error: any Error, request: Request, about subject: OCIError.Subject) -> Response {
        switch error {
        case RegistryError.backend(let cause): RequestLog.current?.update { $0.cause = cause }
        case is RegistryError, is OCIError: break
        default: RequestLog.current?.update { $0.cause = String(describing: error) }
        }
        return switch error {
        case let error as RegistryError: OCIReply.error(OCIError(error, about: subject), method: request.method)
        case let error as OCIError: OCIReply.error(error, method: request.method)
        default: OCIReply.error(OCIError(.unknown, message: "internal error"), method: request.method)
        }
    }
}
