import BerthAuth
import BerthCrypto
import BerthService
import BerthWire
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Serves the ECR API: AWS JSON 1.1 on `POST /` with `X-Amz-Target`, and the seed query form `GET /?Action=`.
/// Every call is SigV4-verified, then goes through the one dispatcher path (decode, validate, authorize, run):
/// this door only translates HTTP to that path and its answer back.
struct ECRResponder: Sendable {
    static let targetPrefix = "AmazonEC2ContainerRegistry_V20150921."
    /// The largest request body accepted: a 20 MiB layer part in base64 plus JSON framing.
    static let maximumBodySize = 30 * 1024 * 1024

    static let targetHeader = HTTPField.Name("X-Amz-Target")!

    let services: BerthServices

    /// The hex SHA-256 of a body, hashed in place.
    static func hexSHA256(_ body: ByteBuffer) -> String {
        var hasher = SHA256Hasher()
        body.withUnsafeReadableBytes { hasher.update($0) }
        return hasher.finalizeHex()
    }

    func respond(to request: Request, context: BerthRequestContext, log: RequestLog) async -> Response {
        let requestID = log.requestID
        do {
            let body = try await readBody(request)
            log.update { $0.bytesIn = Int64(body.readableBytes) }
            let now = services.clock()
            let caller = try verify(request, body: body, now: now)
            guard let principal = services.verifier.principalARN(for: caller.accessKeyID) else {
                throw ECRError(.unrecognizedClientException, "The security token included in the request is invalid.")
            }
            log.update { $0.principal = principal }
            let service = services.registries.service(forRegion: caller.region)
            let ecrContext = ECRRequestContext(
                accessKeyID: caller.accessKeyID, principalARN: principal, sourceAddress: context.sourceAddress,
                accountID: service.registry.configuration.accountID, region: caller.region, requestID: requestID, now: now)
            let output: [UInt8]
            switch try operation(request) {
            case .target(let name):
                log.update { $0.operation = name }
                output = try await ECRDispatcher.dispatch(
                    operationName: name, body: body, handler: service, context: ecrContext,
                    onTarget: { target in log.update { $0.repository = target.repositoryName } })
            case .admin(let name):
                log.update { $0.operation = name }
                output = try await service.runAdminOperation(name, body: Array(buffer: body), context: ecrContext)
            case .query(let name, let json):
                log.update { $0.operation = name }
                output = try await ECRDispatcher.dispatch(
                    operationName: name, body: json, handler: service, context: ecrContext,
                    onTarget: { target in log.update { $0.repository = target.repositoryName } })
            }
            return ECRResponse.success(output, requestID: requestID)
        } catch let error as ECRError {
            if let cause = error.cause { log.update { $0.cause = cause } }
            return ECRResponse.failure(error, requestID: requestID)
        } catch {
            log.update { $0.cause = String(describing: error) }
            return ECRResponse.failure(ECRError.server("internal error"), requestID: requestID)
        }
    }

    /// Collects the request body, refusing bodies larger than any ECR request can be.
    private func readBody(_ request: Request) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: Self.maximumBodySize)
        } catch is NIOTooManyBytesError {
            throw ECRError.invalidParameter("The request body exceeds the maximum size of \(Self.maximumBodySize) bytes")
        }
    }

    private func verify(_ request: Request, body: ByteBuffer, now: Double) throws -> VerifiedCaller {
        // HTTP/1 `Host` arrives as the request's authority, not as a header field: SigV4 signs it as `host`.
        var headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
        if let authority = request.head.authority { headers.append((name: "host", value: authority)) }
        let signed = SigV4Request(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "", headers: headers,
            payloadSHA256: Self.hexSHA256(body))
        do {
            return try services.verifier.verify(signed, now: now)
        } catch {
            throw ECRError.authentication(error)
        }
    }

    /// Which operation a request names: by `X-Amz-Target` (the body is its JSON input) or by the query form's
    /// `Action` (its JSON input built from the query).
    private enum Named {
        case target(String)
        case admin(String)
        case query(String, json: [UInt8])
    }

    private func operation(_ request: Request) throws -> Named {
        switch request.method {
        case .post:
            if let target = request.headers[Self.targetHeader], target.hasPrefix(ECRService.adminTargetPrefix) {
                return .admin(String(target.dropFirst(ECRService.adminTargetPrefix.count)))
            }
            guard let target = request.headers[Self.targetHeader], target.hasPrefix(Self.targetPrefix) else {
                throw ECRError.unknownOperation("Missing or unknown X-Amz-Target")
            }
            return .target(String(target.dropFirst(Self.targetPrefix.count)))
        case .get:
            let parameters = QueryString.parse(request.uri.query ?? "")
            guard let action = parameters.first(where: { $0.0 == "Action" })?.1 else {
                throw ECRError.unknownOperation("Missing Action parameter")
            }
            let members = parameters.filter { $0.0 != "Action" && $0.0 != "Version" && !$0.0.hasPrefix("X-Amz-") }
            return .query(action, json: try ECRQueryForm.jsonBody(operation: action, query: members))
        default:
            throw ECRError.unknownOperation("The ECR API answers POST / and GET /?Action=")
        }
    }
}
