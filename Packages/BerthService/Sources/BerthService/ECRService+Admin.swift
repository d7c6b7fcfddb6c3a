import BerthModel
public import BerthWire
import Foundation

/// Berth's own operations beside ECR's, on the same signed JSON door under the target prefix `BerthAdmin_20261205.`
/// (the `berth` CLI calls them): `PreviewGarbageCollection`.
extension ECRService {
    /// The target prefix of Berth's own operations.
    public static let adminTargetPrefix = "BerthAdmin_20261205."

    /// `PreviewGarbageCollection`'s input.
    struct GarbageCollectionPreviewRequest: Decodable {
        var gracePeriodSeconds: Int?
        var uploadMaxAgeSeconds: Int?
    }

    /// `PreviewGarbageCollection`'s answer.
    struct GarbageCollectionPreviewResponse: Encodable {
        var gracePeriodSeconds: Int
        var blobsScanned: Int
        var blobs: [GarbageCollectionReport.Blob]
        var bytes: Int64
        var expiredUploads: Int
        var expiredUploadBytes: Int64
    }

    /// Runs Berth operation `name` (the target after `adminTargetPrefix`) with JSON `body`: authorized as
    /// `berth:<name>` on the registry, like every ECR operation at the one authorize point.
    /// - Throws: `UnknownOperationException`, `InvalidParameterException`, `AccessDeniedException`, `ServerException`.
    public func runAdminOperation(_ name: String, body: [UInt8], context: ECRRequestContext) async throws(ECRError) -> [UInt8] {
        guard name == "PreviewGarbageCollection" else { throw ECRError.unknownOperation("Unknown Berth operation \(name)") }
        return try await run {
            let input: GarbageCollectionPreviewRequest
            do {
                input = try JSONCoding.decode(GarbageCollectionPreviewRequest.self, from: Data(body.isEmpty ? Array("{}".utf8) : body))
            } catch {
                throw ECRError.invalidParameter("PreviewGarbageCollection takes {\"gracePeriodSeconds\": int, \"uploadMaxAgeSeconds\": int}")
            }
            let grace = input.gracePeriodSeconds ?? 3_600
            let maxAge = input.uploadMaxAgeSeconds ?? 86_400
            guard grace >= 0, maxAge >= 0 else { throw ECRError.invalidParameter("gracePeriodSeconds and uploadMaxAgeSeconds must be >= 0") }
            let permission = Permission(action: "berth:\(name)", resource: "*")
            try await registry.authorize(AccessRequest(caller: Self.caller(context), permissions: [permission]))
            let (report, uploads) = try registry.previewGarbageCollection(grace: Double(grace), uploadMaxAge: Double(maxAge))
            let answer = GarbageCollectionPreviewResponse(
                gracePeriodSeconds: grace, blobsScanned: report.blobsScanned, blobs: report.blobs, bytes: report.bytes,
                expiredUploads: uploads.expired,
                expiredUploadBytes: uploads.bytes)
            return Array(try JSONCoding.encode(answer))
        }
    }
}
