import BerthModel
import BerthService
import BerthWire
import HTTPTypes
import Hummingbird
import NIOCore

extension OCIResponder {
    /// The largest manifest accepted (ECR's 4 MiB); larger is 413.
    static let maximumManifestSize = 4 * 1024 * 1024

    func getManifest(_ request: Request, name: String, reference: OCIReference, caller: Caller) -> Response {
        attempt(request, about: .manifest) {
            let image: ImageRecord
            switch reference {
            case .tag(let tag): image = try registry.manifest(repository: name, tag: tag)
            case .digest(let digest): image = try registry.manifest(repository: name, digest: digest)
            }
            if request.method == .get { registry.recordPull(of: image, by: caller.principalARN) }
            let headers: HTTPFields = [OCIReply.name(OCIHeaderName.contentDigest): image.digest, .eTag: "\"\(image.digest)\""]
            return OCIReply.bytes(image.manifest, contentType: image.mediaType, status: .ok, method: request.method, headers: headers)
        }
    }

    func putManifest(_ request: Request, name: String, reference: OCIReference) async -> Response {
        await attempt(request, about: .manifest) {
            let bytes: [UInt8]
            do {
                var buffer = try await request.body.collect(upTo: Self.maximumManifestSize)
                bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            } catch is NIOTooManyBytesError {
                throw OCIError(.manifestInvalid, message: "manifest exceeds the maximum size of \(Self.maximumManifestSize) bytes", httpStatus: 413)
            }
            try registry.prepareRepositoryForPush(name, createOnPush: services.createOnPush)
            let stored = try registry.putManifest(
                repository: name, bytes: bytes, declaredMediaType: request.headers[.contentType], tag: reference.tag,
                expectedDigest: reference.digest?.description)
            var headers: HTTPFields = [
                .location: "/v2/\(name)/manifests/\(stored.digest)",
                OCIReply.name(OCIHeaderName.contentDigest): stored.digest,
            ]
            if let subject = stored.document.subject { headers[OCIReply.name(OCIHeaderName.subject)] = subject.digest }
            return OCIReply.empty(.created, headers: headers)
        }
    }

    func deleteManifest(_ request: Request, name: String, reference: OCIReference) -> Response {
        attempt(request, about: .manifest) {
            switch reference {
            case .tag(let tag): try registry.deleteTag(repository: name, tag: tag)
            case .digest(let digest): try registry.deleteManifest(repository: name, digest: digest)
            }
            return OCIReply.empty(.accepted)
        }
    }
}
