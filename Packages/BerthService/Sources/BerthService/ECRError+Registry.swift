import BerthWire

extension ECRError {
    /// Builds an error from its ECR name (e.g. `LayersNotFoundException`).
    static func named(_ name: String, _ message: String) -> ECRError {
        ECRError(ECRErrorCode(rawValue: name) ?? .serverException, message)
    }

    /// The one table from registry errors to ECR errors, with ECR's own wording.
    init(_ error: RegistryError, accountID: String) {
        switch error {
        case .repositoryNotFound(let name):
            self = .repositoryNotFound(name: name, registryId: accountID)
        case .repositoryAlreadyExists(let name):
            self = .named(
                "RepositoryAlreadyExistsException",
                "The repository with name '\(name)' already exists in the registry with id '\(accountID)'")
        case .repositoryNotEmpty(let name):
            self = .named(
                "RepositoryNotEmptyException",
                "The repository with name '\(name)' in registry with id '\(accountID)' cannot be deleted because it still contains images")
        case .invalidManifest(let reason):
            self = .invalidParameter("Invalid parameter at 'ImageManifest' failed to satisfy constraint: '\(reason)'")
        case .mediaTypeRequired:
            self = .invalidParameter(
                "If you push an image manifest that does not contain the mediaType field, you must specify the imageManifestMediaType")
        case .blobsNotFound(let digests):
            self = .named(
                "LayersNotFoundException",
                "Layers with digests '\(digests)' required for pushing image into repository in the registry with id '\(accountID)' do not exist")
        case .referencedManifestsNotFound(let digests):
            self = .named(
                "ReferencedImagesNotFoundException", "Manifests with digests '\(digests)' referenced by the image do not exist in the repository")
        case .digestMismatch(let expected, let computed):
            self = .named(
                "ImageDigestDoesNotMatchException",
                "Provided image digest '\(expected)' does not match the calculated digest of the image manifest '\(computed)'")
        case .tagImmutable(let tag, let repository):
            self = .named(
                "ImageTagAlreadyExistsException",
                "The image tag '\(tag)' already exists in the '\(repository)' repository and cannot be overwritten because the tag is immutable.")
        case .imageNotFound(let what):
            self = .named("ImageNotFoundException", what)
        case .uploadNotFound(let id):
            self = .named("UploadNotFoundException", "Upload with id '\(id)' does not exist in the registry with id '\(accountID)'")
        case .uploadBusy(let repository, let uploadID, let bytesReceived):
            self = ECRError(
                .invalidLayerPart(
                    repository: repository, uploadID: uploadID, lastValidByte: bytesReceived - 1,
                    reason: "Another request is writing to upload \(uploadID); resume from its last valid byte"),
                accountID: accountID)
        case .manifestReferenced(let digest, let parents):
            self = .named("InvalidParameterException", "The image \(digest) is referenced by manifest lists \(parents)")
        case .unsupportedDigest(let digest):
            self = .invalidParameter("The digest '\(digest)' uses an algorithm this registry cannot verify; use sha256")
        case .invalidLayerPart(let repository, let uploadID, let lastValidByte, let reason):
            self = .named("InvalidLayerPartException", "\(reason); last valid byte received is \(lastValidByte)")
            extraFields = [
                "registryId": .string(accountID), "repositoryName": .string(repository), "uploadId": .string(uploadID),
                "lastValidByteReceived": .number(Double(lastValidByte)),
            ]
        case .limitExceeded(let message):
            self = .named("LimitExceededException", message)
        case .emptyUpload(let id):
            self = .named("EmptyUploadException", "The upload with id '\(id)' contains no layer parts")
        case .layerPartTooSmall(let minimum):
            self = .named("LayerPartTooSmallException", "Layer parts must be at least \(minimum) bytes, except the last part")
        case .layerAlreadyExists(let digest, let repository):
            self = .named(
                "LayerAlreadyExistsException",
                "The layer '\(digest)' already exists in the repository with name '\(repository)' in the registry with id '\(accountID)'")
        case .invalidLayer(let message):
            self = .named("InvalidLayerException", message)
        case .layerInaccessible(let digest):
            self = .named(
                "LayerInaccessibleException",
                "The layer '\(digest)' is not associated with an image; unassociated layers may be cleaned up at any time")
        case .tooManyTags(let count):
            self = .named("TooManyTagsException", "The number of tags (\(count)) exceeds the maximum of 50 tags per resource")
        case .invalidTagParameter(let message):
            self = .named("InvalidTagParameterException", message)
        case .lifecyclePolicyNotFound(let repository):
            self = .named(
                "LifecyclePolicyNotFoundException",
                "Lifecycle policy does not exist for the repository with name '\(repository)' in the registry with id '\(accountID)'")
        case .lifecyclePreviewNotFound(let repository):
            self = .named(
                "LifecyclePolicyPreviewNotFoundException",
                "There is no lifecycle policy preview for the repository with name '\(repository)' in the registry with id '\(accountID)'")
        case .invalidLifecyclePolicy(let message):
            self = .invalidParameter(message)
        case .registryPolicyNotFound:
            self = .named("RegistryPolicyNotFoundException", "Registry policy does not exist in the registry with id '\(accountID)'")
        case .invalidParameter(let message):
            self = .invalidParameter(message)
        case .validation(let message):
            self = .named("ValidationException", message)
        case .templateNotFound(let prefix):
            self = .named(
                "TemplateNotFoundException",
                "The repository creation template with prefix '\(prefix)' does not exist in the registry with id '\(accountID)'")
        case .templateAlreadyExists(let prefix):
            self = .named(
                "TemplateAlreadyExistsException",
                "The repository creation template with prefix '\(prefix)' already exists in the registry with id '\(accountID)'")
        case .pullThroughCacheRuleNotFound(let prefix):
            self = .named(
                "PullThroughCacheRuleNotFoundException",
                "The pull through cache rule with prefix '\(prefix)' does not exist in the registry with id '\(accountID)'")
        case .pullThroughCacheRuleAlreadyExists(let prefix):
            self = .named(
                "PullThroughCacheRuleAlreadyExistsException",
                "A pull through cache rule with prefix '\(prefix)' already exists in the registry with id '\(accountID)'")
        case .unsupportedUpstreamRegistry(let url):
            self = .named("UnsupportedUpstreamRegistryException", "The upstream registry URL '\(url)' is not supported for pull through cache")
        case .exclusionAlreadyExists(let principal):
            self = .named("ExclusionAlreadyExistsException", "The principal '\(principal)' is already excluded from pull time updates")
        case .exclusionNotFound(let principal):
            self = .named("ExclusionNotFoundException", "The principal '\(principal)' is not excluded from pull time updates")
        case .storageClassUpdateNotSupported(let message):
            self = .named("ImageStorageClassUpdateNotSupportedException", message)
        case .accessDenied(let principal, let permission):
            self = .named(
                "AccessDeniedException",
                "User: \(principal) is not authorized to perform: \(permission.action) on resource: \(permission.resource) because no identity-based policy allows the \(permission.action) action"
            )
        case .blobBeingCollected(let digest):
            self = .server("The layer \(digest) is being garbage collected; retry the upload")
        case .backend:
            self = .server("storage failure")
        }
    }
}
