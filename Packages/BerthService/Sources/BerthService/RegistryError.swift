/// What can go wrong in the registry's behaviour, whichever door the request came through. Each door has one
/// table that turns these into its own wire errors (`ECRError+Registry.swift`, and the OCI table in BerthHTTP).
public enum RegistryError: Error, Sendable, Equatable {
    case repositoryNotFound(String)
    case repositoryAlreadyExists(String)
    case repositoryNotEmpty(String)
    /// The manifest is not valid JSON or not a manifest Berth stores; the text says why.
    case invalidManifest(String)
    /// The manifest has no `mediaType` field and the client declared no type (ECR's PutImage).
    case mediaTypeRequired
    /// The manifest references blobs this repository does not hold.
    case blobsNotFound([String])
    /// The index references manifests this repository does not hold.
    case referencedManifestsNotFound([String])
    /// The client named a digest the manifest bytes do not hash to.
    case digestMismatch(expected: String, computed: String)
    /// The tag is immutable and points at another image.
    case tagImmutable(tag: String, repository: String)
    /// No image matches.
    case imageNotFound(String)
    case uploadNotFound(String)
    /// Another request (in this process or on another replica) is writing to the upload, which stands at
    /// `bytesReceived`.
    case uploadBusy(repository: String, uploadID: String, bytesReceived: Int64)
    /// The digest's algorithm is valid but Berth cannot verify it (only sha256 is).
    case unsupportedDigest(String)
    /// The manifest is listed by indexes (`by`) and cannot be deleted alone.
    case manifestReferenced(digest: String, by: [String])
    /// An ECR layer part that does not continue its upload; `lastValidByte` is where the upload stands.
    case invalidLayerPart(repository: String, uploadID: String, lastValidByte: Int64, reason: String)
    /// A quota is exceeded; the text says which.
    case limitExceeded(String)
    /// CompleteLayerUpload of an upload that received no bytes.
    case emptyUpload(String)
    /// A layer part other than the last was smaller than the minimum.
    case layerPartTooSmall(minimum: Int64)
    /// CompleteLayerUpload of a layer the repository already has.
    case layerAlreadyExists(digest: String, repository: String)
    /// The layer digest is malformed or does not match the bytes.
    case invalidLayer(String)
    /// The layer exists but no image references it (ECR serves only referenced layers).
    case layerInaccessible(String)
    /// A resource would carry more tags than allowed (the count it would have).
    case tooManyTags(Int)
    /// A tag key or value breaks the tag rules; the text says how.
    case invalidTagParameter(String)
    /// The repository has no lifecycle policy.
    case lifecyclePolicyNotFound(String)
    /// The repository has no lifecycle policy preview.
    case lifecyclePreviewNotFound(String)
    /// A lifecycle policy text was refused; the text is ECR's whole message.
    case invalidLifecyclePolicy(String)
    /// The registry has no registry policy.
    case registryPolicyNotFound
    /// An input breaks a rule the model cannot state (ECR's InvalidParameterException); the text is the message.
    case invalidParameter(String)
    /// An input is refused as ECR's newer operations refuse it (ValidationException); the text is the message.
    case validation(String)
    /// No repository creation template has that prefix.
    case templateNotFound(String)
    /// A repository creation template with that prefix exists.
    case templateAlreadyExists(String)
    /// No pull-through cache rule has that prefix.
    case pullThroughCacheRuleNotFound(String)
    /// A pull-through cache rule with that prefix exists.
    case pullThroughCacheRuleAlreadyExists(String)
    /// The upstream registry URL is not one ECR can cache.
    case unsupportedUpstreamRegistry(String)
    /// The principal is already excluded from pull-time updates.
    case exclusionAlreadyExists(String)
    /// The principal is not excluded from pull-time updates.
    case exclusionNotFound(String)
    /// The image cannot move to the requested storage class; the text says why.
    case storageClassUpdateNotSupported(String)
    /// The caller lacks a permission the request needs.
    case accessDenied(principal: String, Permission)
    /// Garbage collection is deleting the blob's bytes right now and did not finish in time: retry (the blob is
    /// then uploaded afresh).
    case blobBeingCollected(String)
    /// A blob store or metadata backend failed.
    case backend(String)
}
