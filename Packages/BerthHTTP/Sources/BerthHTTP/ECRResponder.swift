import BerthAuth
import BerthCrypto
import BerthService
import BerthWire
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Serves the ECR API: AWS JSON 1.1 on `POST /` with `X-Amz-Target`, and the seed query form `GET /?Action=`.
/// Every call is SigV4-verified before it is decoded.
struct ECRResponder: Sendable {
    static let targetPrefix = "AmazonEC2ContainerRegistry_V20150921."
    /// The largest request body accepted: a 20 MiB layer part in base64 plus JSON framing.
    static let maximumBodySize = 30 * 1024 * 1024

    let services: BerthServices

    func respond(to request: Request) async -> Response {
        let requestID = SecureRandom.uuid()
        do {
            let body = try await readBody(request)
            let now = services.clock()
            let caller = try verify(request, body: body, now: now)
            let context = ECRRequestContext(
                accessKeyID: caller.accessKeyID, accountID: services.registry.configuration.accountID,
                region: services.registry.configuration.region, requestID: requestID, now: now)
            let (operation, json) = try operationAndBody(request, body: body)
            let output = try await ECRDispatcher.dispatch(operationName: operation, body: json, handler: services.ecr, context: context)
            return ECRResponse.success(output, requestID: requestID)
        } catch let error as ECRError {
            return ECRResponse.failure(error, requestID: requestID)
        } catch {
            return ECRResponse.failure(ECRError.server("internal error"), requestID: requestID)
        }
    }

    /// Collects the request body, refusing bodies larger than any ECR request can be.
    private func readBody(_ request: Request) async throws -> [UInt8] {
        do {
            var buffer = try await request.body.collect(upTo: Self.maximumBodySize)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch is NIOTooManyBytesError {
            throw ECRError.invalidParameter("The request body exceeds the maximum size of \(Self.maximumBodySize) bytes")
        }
    }

    private func verify(_ request: Request, body: [UInt8], now: Double) throws -> VerifiedCaller {
        // HTTP/1 `Host` arrives as the request's authority, not as a header field: SigV4 signs it as `host`.
        var headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
        if let authority = request.head.authority { headers.append((name: "host", value: authority)) }
        let signed = SigV4Request(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "", headers: headers,
            payloadSHA256: SHA256Hasher.hexHash(body))
        do {
            return try services.verifier.verify(signed, now: now)
        } catch {
            throw ECRError.authentication(error)
        }
    }

    /// The operation name and its JSON body, from either form.
    private func operationAndBody(_ request: Request, body: [UInt8]) throws -> (String, [UInt8]) {
        switch request.method {
        case .post:
            guard let target = request.headers[HTTPField.Name("X-Amz-Target")!], target.hasPrefix(Self.targetPrefix) else {
                throw ECRError.unknownOperation("Missing or unknown X-Amz-Target")
            }
            return (String(target.dropFirst(Self.targetPrefix.count)), body)
        case .get:
            let parameters = QueryString.parse(request.uri.query ?? "")
            guard let action = parameters.first(where: { $0.0 == "Action" })?.1 else {
                throw ECRError.unknownOperation("Missing Action parameter")
            }
            let members = parameters.filter { $0.0 != "Action" && $0.0 != "Version" && !$0.0.hasPrefix("X-Amz-") }
            return (action, try ECRQueryForm.jsonBody(operation: action, query: members))
        default:
            throw ECRError.unknownOperation("The ECR API answers POST / and GET /?Action=")
        }
    }
}
