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

    static let targetHeader = HTTPField.Name("X-Amz-Target")!

    let services: BerthServices

    /// The hex SHA-256 of a body, hashed in place.
    static func hexSHA256(_ body: ByteBuffer) -> String {
        var hasher = SHA256Hasher()
        body.withUnsafeReadableBytes { hasher.update($0) }
        return hasher.finalizeHex()
    }

    func respond(to request: Request) async -> Response {
        let requestID = SecureRandom.uuid()
        do {
            let body = try await readBody(request)
            let now = services.clock()
            let caller = try verify(request, body: body, now: now)
            let context = ECRRequestContext(
                accessKeyID: caller.accessKeyID, accountID: services.registry.configuration.accountID,
                region: services.registry.configuration.region, requestID: requestID, now: now)
            if request.method == .post, request.headers[Self.targetHeader] == Self.targetPrefix + "UploadLayerPart",
                let output = try await uploadLayerPartFastPath(body, context: context)
            {
                return ECRResponse.success(output, requestID: requestID)
            }
            let (operation, json) = try operationAndBody(request, body: Array(body.readableBytesView))
            let output = try await ECRDispatcher.dispatch(operationName: operation, body: json, handler: services.ecr, context: context)
            return ECRResponse.success(output, requestID: requestID)
        } catch let error as ECRError {
            return ECRResponse.failure(error, requestID: requestID)
        } catch {
            return ECRResponse.failure(ECRError.server("internal error"), requestID: requestID)
        }
    }

    /// UploadLayerPart without copying the part four times: the blob is base64-decoded straight from the body
    /// (see `LayerPartBody`); nil when the body is not of the plain shape, and the ordinary path takes over.
    private func uploadLayerPartFastPath(_ body: ByteBuffer, context: ECRRequestContext) async throws -> [UInt8]? {
        guard let (json, blob) = body.withUnsafeReadableBytes({ LayerPartBody.split($0) }) else { return nil }
        var input = try ECRDispatcher.decodeInput(ECR.UploadLayerPartRequest.self, from: json)
        input.layerPartBlob = blob
        try input.validate()
        return try ECRDispatcher.encodeOutput(try await services.ecr.uploadLayerPart(input, context: context))
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

    /// The operation name and its JSON body, from either form.
    private func operationAndBody(_ request: Request, body: [UInt8]) throws -> (String, [UInt8]) {
        switch request.method {
        case .post:
            guard let target = request.headers[Self.targetHeader], target.hasPrefix(Self.targetPrefix) else {
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
