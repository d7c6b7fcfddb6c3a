import BerthModel
import BerthService
import BerthWire
import HTTPTypes
import Hummingbird
import NIOCore

extension OCIResponder {
    /// `POST /v2/<name>/blobs/uploads/`: a cross-repository mount, a monolithic upload (`?digest=`), or a new session.
    func startUpload(_ request: Request, name: String) async -> Response {
        await attempt(request, about: .upload) {
            try registry.prepareRepositoryForPush(name, createOnPush: services.createOnPush)
            if let mount = queryValue(request, "mount") {
                guard let digest = Digest(parsing: mount) else { throw OCIError.digestInvalid(mount) }
                if let from = queryValue(request, "from"), RepositoryName.isValid(from),
                    try registry.mountBlob(digest, into: name, from: from) != nil
                {
                    await drain(request)
                    return blobCreated(name: name, digest: digest)
                }
            }
            let upload = try registry.startUpload(repository: name)
            if let digestText = queryValue(request, "digest"), queryValue(request, "mount") == nil {
                guard let digest = Digest(parsing: digestText) else {
                    try registry.cancelUpload(id: upload.id, repository: name)
                    throw OCIError.digestInvalid(digestText)
                }
                return try await finishUpload(request, name: name, id: upload.id, session: UploadSession(), digest: digestText, expected: digest)
            }
            await drain(request)
            return sessionAccepted(name: name, id: upload.id, rangeHeader: UploadSession().rangeHeader, status: .accepted)
        }
    }

    /// `PATCH`: appends one chunk (with `Content-Range`) or a streamed body (without).
    func patchUpload(_ request: Request, name: String, id: String) async -> Response {
        await attempt(request, about: .upload) {
            guard let response = try await registry.withUploadLockIfFree(id, { try await patchUploadLocked(request, name: name, id: id) }) else {
                await drain(request)
                throw try busy(request, name: name, id: id)
            }
            return response
        }
    }

    /// Another request is writing to this upload: the chunk cannot start where the upload will stand, so 416.
    private func busy(_ request: Request, name: String, id: String) throws -> OCIError {
        let record = try registry.upload(id: id, repository: name)
        return OCIError(RegistryError.uploadBusy(repository: name, uploadID: id, bytesReceived: record.bytesReceived), about: .upload)
    }

    private func patchUploadLocked(_ request: Request, name: String, id: String) async throws -> Response {
        let record = try registry.upload(id: id, repository: name)
        var session = UploadSession(bytesReceived: record.bytesReceived)
        switch session.patch(contentRangeHeader: request.headers[.contentRange], contentLength: contentLength(request)) {
        case .reject(let error):
            await drain(request)
            throw error
        case .append:
            try await append(request, to: try registry.openUpload(id: id, repository: name), session: &session)
            return sessionAccepted(name: name, id: id, rangeHeader: session.rangeHeader, status: .accepted)
        default:
            throw OCIError(.blobUploadInvalid)
        }
    }

    /// `PUT ?digest=`: appends the final chunk if any and commits the blob under the digest.
    func putUpload(_ request: Request, name: String, id: String) async -> Response {
        await attempt(request, about: .upload) {
            let response = try await registry.withUploadLockIfFree(id) {
                let record = try registry.upload(id: id, repository: name)
                let digestText = queryValue(request, "digest")
                return try await finishUpload(
                    request, name: name, id: id, session: UploadSession(bytesReceived: record.bytesReceived), digest: digestText, expected: nil)
            }
            guard let response else {
                await drain(request)
                throw try busy(request, name: name, id: id)
            }
            return response
        }
    }

    /// `DELETE`: cancels the session and drops its bytes.
    func cancelUpload(_ request: Request, name: String, id: String) -> Response {
        attempt(request, about: .upload) {
            try registry.cancelUpload(id: id, repository: name)
            return OCIReply.empty(.noContent)
        }
    }

    /// `GET`: where the upload stands.
    func uploadStatus(_ request: Request, name: String, id: String) -> Response {
        attempt(request, about: .upload) {
            let record = try registry.upload(id: id, repository: name)
            let session = UploadSession(bytesReceived: record.bytesReceived)
            return sessionAccepted(name: name, id: id, rangeHeader: session.rangeHeader, status: .noContent)
        }
    }

    private func finishUpload(
        _ request: Request, name: String, id: String, session: UploadSession, digest: String?, expected: Digest?
    ) async throws -> Response {
        var session = session
        switch session.put(digest: digest, contentRangeHeader: request.headers[.contentRange], contentLength: contentLength(request)) {
        case .reject(let error):
            await drain(request)
            throw error
        case .commit(let digest, let finalChunk):
            let upload = try registry.openUpload(id: id, repository: name)
            if finalChunk != nil {
                // The final chunk goes straight into the commit: no checkpoint (one fsync fewer per blob).
                try await append(request, to: upload, session: &session, checkpoint: false)
            } else {
                await drain(request)
            }
            _ = try await upload.commit(expecting: digest)
            session.recordCommitted()
            return blobCreated(name: name, digest: digest)
        default:
            throw OCIError(.blobUploadInvalid)
        }
    }

    /// Streams the request body into the upload, hashing as it goes; checkpoints only when the chunk is whole.
    @discardableResult
    private func append(_ request: Request, to upload: BlobUpload, session: inout UploadSession, checkpoint: Bool = true) async throws -> Int64 {
        var written: Int64 = 0
        do {
            for try await buffer in request.body {
                try buffer.withUnsafeReadableBytes { try upload.append($0) }
                written += Int64(buffer.readableBytes)
            }
        } catch {
            upload.abandon()
            throw error
        }
        if let error = session.recordWritten(byteCount: written) {
            upload.abandon()
            throw error
        }
        if checkpoint { try await upload.finish() }
        return written
    }

    private func contentLength(_ request: Request) -> Int64? {
        request.headers[.contentLength].flatMap { Int64($0) }
    }

    private func sessionAccepted(name: String, id: String, rangeHeader: String, status: HTTPResponse.Status) -> Response {
        OCIReply.empty(
            status,
            headers: [
                .location: "/v2/\(name)/blobs/uploads/\(id)", .range: rangeHeader, OCIReply.name(OCIHeaderName.uploadUUID): id,
                OCIReply.name(OCIHeaderName.chunkMinLength): "0",
            ])
    }

    private func blobCreated(name: String, digest: Digest) -> Response {
        OCIReply.empty(
            .created, headers: [.location: "/v2/\(name)/blobs/\(digest)", OCIReply.name(OCIHeaderName.contentDigest): digest.description])
    }
}
