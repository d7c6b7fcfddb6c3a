import BerthModel
import BerthWire

/// One `ImageIdentifier` checked the way BatchGetImage and BatchDeleteImage check each entry.
enum ImageReference {
    case digest(String)
    case tag(String)
    case both(digest: String, tag: String)

    /// The digest named, if any.
    var digest: String? {
        switch self {
        case .digest(let digest), .both(let digest, _): digest
        case .tag: nil
        }
    }

    /// The tag named, if any.
    var tag: String? {
        switch self {
        case .tag(let tag), .both(_, let tag): tag
        case .digest: nil
        }
    }

    /// Classifies `id`, or returns the per-image failure ECR reports for it.
    static func classify(_ id: ECR.ImageIdentifier) -> Classified {
        let digest = id.imageDigest
        let tag = id.imageTag
        if digest == nil, tag == nil {
            return .failure(failure(id, "MissingDigestAndTag", "Invalid request parameters: both tag and digest cannot be null"))
        }
        if let digest, Digest(parsing: digest) == nil {
            return .failure(
                failure(id, "InvalidImageDigest", "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'")
            )
        }
        if let tag, !ImageTag.isValidECR(tag) {
            return .failure(failure(id, "InvalidImageTag", "Invalid request parameters: image tag should satisfy the regex '[a-zA-Z0-9-_.]+'"))
        }
        switch (digest, tag) {
        case (let digest?, let tag?): return .reference(.both(digest: digest, tag: tag))
        case (let digest?, nil): return .reference(.digest(digest))
        case (nil, let tag?): return .reference(.tag(tag))
        default: return .failure(failure(id, "MissingDigestAndTag", "Invalid request parameters: both tag and digest cannot be null"))
        }
    }

    /// A per-image failure entry.
    static func failure(_ id: ECR.ImageIdentifier, _ code: String, _ reason: String) -> ECR.ImageFailure {
        ECR.ImageFailure(imageId: id, failureCode: code, failureReason: reason)
    }
}

/// An image identifier either understood or refused with the failure entry ECR reports.
enum Classified {
    case reference(ImageReference)
    case failure(ECR.ImageFailure)
}
