import BerthService
import BerthWire

extension OCIError {
    /// What the request was about, where one registry error maps to different OCI codes.
    enum Subject {
        case manifest
        case blob
        case upload
        case other
    }

    /// The one table from registry errors to OCI errors.
    init(_ error: RegistryError, about subject: Subject) {
        switch error {
        case .repositoryNotFound(let name):
            self = OCIError(.nameUnknown, message: "repository \(name) not known to registry", detail: .fields(["name": name]))
        case .invalidManifest(let reason):
            self = OCIError(.manifestInvalid, message: "manifest invalid: \(reason)")
        case .mediaTypeRequired:
            self = OCIError(.manifestInvalid, message: "the manifest has no mediaType and no Content-Type declares one")
        case .blobsNotFound(let digests):
            if subject == .blob {
                self = OCIError(.blobUnknown, message: "blob unknown to registry", detail: .fields(["digest": digests.first ?? ""]))
            } else {
                self = OCIError(.manifestBlobUnknown, message: "manifest references blobs unknown to registry: \(digests.joined(separator: ", "))")
            }
        case .referencedManifestsNotFound(let digests):
            self = OCIError(.manifestBlobUnknown, message: "index references manifests unknown to registry: \(digests.joined(separator: ", "))")
        case .digestMismatch(let expected, let computed):
            self = OCIError(.digestInvalid, message: "provided digest \(expected) did not match uploaded content \(computed)")
        case .tagImmutable(let tag, let repository):
            self = OCIError(
                .tagInvalid,
                message:
                    "The image tag '\(tag)' already exists in the '\(repository)' repository and cannot be overwritten because the tag is immutable.")
        case .imageNotFound(let what):
            self = OCIError(.manifestUnknown, message: "manifest unknown: \(what)")
        case .uploadNotFound(let id):
            self = OCIError(.blobUploadUnknown, message: "blob upload \(id) unknown to registry")
        case .uploadBusy(_, let id, let bytesReceived):
            self = OCIError.uploadRangeInvalid(bytesReceived: bytesReceived)
            message = "another request is writing to upload \(id); resume from the Range of a status request"
        case .manifestReferenced(let digest, let parents):
            self = OCIError(
                .unsupported, message: "manifest \(digest) is listed by \(parents.joined(separator: ", ")); delete those first", httpStatus: 400)
        case .repositoryAlreadyExists, .repositoryNotEmpty:
            self = OCIError(.unsupported, message: "\(error)", httpStatus: 400)
        case .unsupportedDigest(let digest):
            self = OCIError(.digestInvalid, message: "digest \(digest) uses an algorithm this registry cannot verify; use sha256")
        case .limitExceeded(let message):
            self = OCIError(.denied, message: message, httpStatus: 400)
        case .invalidLayerPart, .emptyUpload, .layerPartTooSmall, .layerAlreadyExists, .invalidLayer, .layerInaccessible, .tooManyTags,
            .invalidTagParameter, .lifecyclePolicyNotFound, .lifecyclePreviewNotFound, .invalidLifecyclePolicy, .registryPolicyNotFound,
            .invalidParameter, .validation, .templateNotFound, .templateAlreadyExists, .pullThroughCacheRuleNotFound,
            .pullThroughCacheRuleAlreadyExists, .unsupportedUpstreamRegistry, .exclusionAlreadyExists, .exclusionNotFound,
            .storageClassUpdateNotSupported:
            // The ECR API's own rules: /v2 requests never reach them.
            self = OCIError(.unsupported, message: "\(error)", httpStatus: 400)
        case .accessDenied(let principal, let permission):
            self = OCIError(.denied, message: "\(principal) is not authorized to perform \(permission.action) on \(permission.resource)")
        case .blobBeingCollected(let digest):
            self = OCIError(.unavailable, message: "blob \(digest) is being garbage collected; retry the upload")
        case .backend:
            // The detail (paths, errno) stays on the server; clients learn only that storage failed.
            self = OCIError(.unknown, message: "storage failure")
        }
    }
}
