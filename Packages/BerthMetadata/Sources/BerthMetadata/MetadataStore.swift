public import BerthModel

/// Everything Berth stores that is not blob bytes: repositories, images and tags, layer links, upload
/// sessions, registry and repository documents, and settings. Every method is one atomic step, so a plugin (e.g.
/// PostgreSQL) can implement each as one transaction, and concurrent servers sharing a store stay consistent.
///
/// **Registries.** One store holds several registries (one per AWS region), each with its own repositories, images,
/// uploads and registry documents. A store value is a view of one registry (`registryScope`; a freshly opened store
/// sees scope `""`); `scoped(toRegistry:)` gives the view of another over the same data. Store-wide on purpose:
/// the settings (server secrets), `listUploads(updatedBefore:)` and `isLayerLinkedAnywhere` (the worker and garbage
/// collection look across every registry of the one blob store).
///
/// **Documents.** Registry-wide settings (registry policy, replication, scanning, account settings, creation
/// templates, pull-through cache rules, ...) and per-repository ones beyond `RepositoryRecord` (lifecycle policy and
/// preview) are opaque text under a kind and key: the service encodes and decodes them, so a new operation never
/// changes this protocol.
///
/// Lists are ordered by their key (byte order of the UTF-8 text) and paged with an exclusive `after` cursor; a
/// `limit` of 0 or less gives an empty list. Queries about a repository that does not exist find nothing (nil,
/// empty, 0 or false) rather than throwing; the service checks the repository first.
public protocol MetadataStore: Sendable {
    // MARK: Registries

    /// The registry this view sees (`""` for a freshly opened store).
    var registryScope: String { get }
    /// The view of registry `registry` over the same data.
    func scoped(toRegistry registry: String) -> any MetadataStore
    /// Moves every repository of scope `""` (created before stores had registries) into `registry`; returns how many
    /// moved. A repository whose name `registry` already has stays where it is.
    @discardableResult func adoptUnscopedRepositories(into registry: String) throws -> Int

    // MARK: Repositories

    /// Stores a new repository. - Throws: `MetadataError.repositoryAlreadyExists`.
    func createRepository(_ repository: RepositoryRecord) throws
    /// The repository named `name`, or nil.
    func repository(named name: String) throws -> RepositoryRecord?
    /// Repositories sorted by name, strictly after `after`, at most `limit`.
    func listRepositories(after: String?, limit: Int) throws -> [RepositoryRecord]
    /// Replaces a repository's settings (matched by name; its `createdAt` is kept).
    /// - Throws: `MetadataError.repositoryNotFound`.
    func updateRepository(_ repository: RepositoryRecord) throws
    /// How many repositories exist (for metrics).
    func repositoryCount() throws -> Int
    /// Deletes a repository. Unless `force`, refuses when it holds images (`MetadataError.repositoryNotEmpty`);
    /// with `force` removes its images, tags, layer links and uploads too. Layer links and uploads never block
    /// the deletion; `uploadIDs` lists the removed uploads, sorted.
    /// - Throws: `MetadataError.repositoryNotFound`, `.repositoryNotEmpty`.
    func deleteRepository(named name: String, force: Bool) throws -> RepositoryDeletion

    // MARK: Images and tags

    /// Stores an image and optionally points `tag` at it, atomically. When `tag` points at another image and
    /// `tagIsImmutable`, nothing changes (`.tagImmutable`); otherwise the tag moves, leaving the other image
    /// untagged (not deleted).
    ///
    /// The rules, exactly: a new image with a free tag (or a tag on another image that is not immutable) is
    /// stored and tagged (`.created`); an existing image gets the tag (`.tagged(previousDigest:)`, nil when the
    /// tag was free) unless the tag is on another image and immutable (`.tagImmutable`); an image that already
    /// has the tag, or an existing image with no tag given, changes nothing (`.alreadyExists`); a new image
    /// whose immutable tag is on another image is not stored (`.tagImmutable`). An existing image's manifest and
    /// links are never rewritten. - Throws: `MetadataError.repositoryNotFound`.
    func putImage(_ image: NewImage, tag: String?, tagIsImmutable: Bool) throws -> PutImageOutcome
    /// The image with `digest` in `repository`, with its tags.
    func image(repository: String, digest: String) throws -> ImageRecord?
    /// The image `tag` points at in `repository`, with its tags.
    func image(repository: String, tag: String) throws -> ImageRecord?
    /// Images sorted by digest, strictly after digest `after`, at most `limit`, filtered by tag status and (unless
    /// nil) storage status.
    func listImages(repository: String, tagStatus: TagStatusFilter, imageStatus: ImageStatus?, after: String?, limit: Int) throws
        -> [ImageRecord]
    /// (digest, tag) pairs sorted by digest then tag (one per tag; untagged images once with a nil tag),
    /// strictly after `after`, at most `limit`, filtered by tag status and (unless nil) storage status.
    func listImageIDs(repository: String, tagStatus: TagStatusFilter, imageStatus: ImageStatus?, after: ImageIDRecord?, limit: Int) throws
        -> [ImageIDRecord]
    /// Sets an image's storage status at `time`: becoming `.archived` records `lastArchivedAt`, becoming `.active`
    /// from another status records `lastActivatedAt`. Returns the image as it is now, or nil when there is none.
    func setImageStatus(repository: String, digest: String, status: ImageStatus, at time: Double) throws -> ImageRecord?
    /// The tags of `repository`, sorted byte-wise (UTF-8 bytes, so ASCII order: digits, then upper case, then
    /// lower case), strictly after `after`, at most `limit`. Empty for an unknown repository.
    func listTags(repository: String, after: String?, limit: Int) throws -> [String]
    /// How many images `repository` holds.
    func imageCount(repository: String) throws -> Int
    /// Deletes the image with all its tags, blob links and child links; returns the tags it had (sorted), or nil
    /// when there was no such image. Indexes listing it as a child are not touched.
    func deleteImage(repository: String, digest: String) throws -> [String]?
    /// Removes `tag`; when `deleteUntaggedImage` and the image has no tags left, deletes the image too.
    /// Returns the digest the tag pointed at and whether the image was deleted, or nil when no such tag.
    func removeTag(repository: String, tag: String, deleteUntaggedImage: Bool) throws -> (digest: String, imageDeleted: Bool)?
    /// Digests of the manifests (indexes) in `repository` that list `digest` as a child.
    func manifestsReferencing(repository: String, digest: String) throws -> [String]
    /// Images in `repository` whose `subject` is `digest` (OCI referrers), sorted by digest.
    func referrers(repository: String, subject: String) throws -> [ImageRecord]
    /// True when some image in `repository` references the blob `digest` (config or layer).
    func isBlobReferenced(repository: String, digest: String) throws -> Bool
    /// Records a pull of an image (for `lastRecordedPullTime`): sets its `lastPulledAt` to `time`. No effect
    /// when there is no such image.
    func recordPull(repository: String, digest: String, at time: Double) throws

    // MARK: Layers

    /// Links a blob into a repository (idempotent; keeps the first record, moving its `usedAt` forward).
    /// - Throws: `MetadataError.repositoryNotFound`, `.blobClaimed` (garbage collection is deleting the blob's bytes).
    func putLayer(_ layer: LayerRecord) throws
    /// The blob `digest` as linked into `repository`, or nil.
    func layer(repository: String, digest: String) throws -> LayerRecord?
    /// Records that a push relies on the link now (an existence check found it): sets its `usedAt` to `time`.
    /// Returns false when the repository does not link the blob (garbage collection may just have unlinked it).
    func touchLayer(repository: String, digest: String, at time: Double) throws -> Bool
    /// True when any repository links the blob (for cross-repository mounts and GC).
    func isLayerLinkedAnywhere(digest: String) throws -> Bool
    /// Unlinks the blob `digest` from `repository`; returns false when it was not linked (or there is no such
    /// repository). Only the layer link goes: images referencing the blob keep their `image_blobs` links.
    ///
    /// The blob's bytes stay in the blob store; removing them is garbage collection's job. GC must treat a blob
    /// as live while ANY reference to it remains: a layer link in any repository (`isLayerLinkedAnywhere`) or
    /// an image referencing it as config or layer (`isBlobReferenced`, the image blob links) in any repository.
    @discardableResult func deleteLayer(repository: String, digest: String) throws -> Bool

    // MARK: Uploads

    /// Stores a new upload session.
    /// - Throws: `MetadataError.repositoryNotFound`; `.backend` when an upload with that id exists.
    func createUpload(_ upload: UploadRecord) throws
    /// The upload with `id`, or nil.
    func upload(id: String) throws -> UploadRecord?
    /// Records an upload's progress when it still stands at `expectedBytes` (compare-and-set, so two requests or two
    /// replicas cannot both advance it from one offset): `updatedAt`, `partCount`, `bytesReceived`, `lastPartSize`,
    /// `hasUndersizedPart` and `hashState` (the id, repository, kind and `createdAt` stay).
    /// - Throws: `MetadataError.uploadNotFound`; `.conflict` when the upload no longer stands at `expectedBytes`.
    func updateUpload(_ upload: UploadRecord, expectingBytesReceived expectedBytes: Int64) throws
    /// Ends upload `id` by linking its blob, in one transaction: `layer` is linked into its repository (idempotent)
    /// and the upload removed, so a crash or another replica never sees one without the other; the upload's blob pin
    /// (`pinBlob(_:holder:until:)` with the upload id as holder) goes too.
    /// - Throws: `MetadataError.uploadNotFound` (nothing changes), `.repositoryNotFound`, `.blobClaimed`.
    func completeUpload(id: String, layer: LayerRecord) throws
    /// Removes an upload session; returns false when there was none.
    @discardableResult func deleteUpload(id: String) throws -> Bool
    /// Uploads whose last activity is strictly before `time` (for expiry), sorted by `updatedAt` then id.
    func listUploads(updatedBefore time: Double) throws -> [UploadRecord]

    // MARK: Garbage collection (store-wide: these ignore the registry scope)

    /// Of `digests`, the ones nothing keeps alive: no image in any repository references them, no layer link to them
    /// was used at or after `linkCutoff`, and no pin on them lasts beyond `now`. Claimed blobs are included.
    func unreferencedBlobs(among digests: [String], linkCutoff: Double, now: Double) throws -> [String]
    /// Claims, in one write transaction, those of `digests` that are still unreferenced as `unreferencedBlobs`
    /// defines it (re-checked inside the transaction), removing their remaining (stale) layer links; returns the
    /// claimed ones, including any already claimed. While claimed, a blob cannot be linked (`putLayer`,
    /// `completeUpload`) or pinned, so its bytes can be deleted safely; then `releaseBlobClaims`.
    func claimBlobs(_ digests: [String], linkCutoff: Double, now: Double) throws -> [String]
    /// Ends claims (after the bytes are gone).
    func releaseBlobClaims(_ digests: [String]) throws
    /// Every blob claimed now (a collector that stopped midway left them; the next one finishes them).
    func claimedBlobs() throws -> [String]
    /// Pins blob `digest` for `holder` (an upload about to commit it) until `expiry`, so garbage collection leaves it
    /// while the bytes are committed and linked; false, changing nothing, while the blob is claimed.
    func pinBlob(_ digest: String, holder: String, until expiry: Double) throws -> Bool
    /// Removes pins that expired before `now` (holders that never completed); returns how many.
    @discardableResult func removeExpiredBlobPins(now: Double) throws -> Int
    /// The registry scopes that hold repositories, sorted (the worker visits each).
    func registryScopes() throws -> [String]

    // MARK: Leases (store-wide)

    /// Takes or renews the lease `name` for `holder` until `expiry` when it is free, expired at `now`, or already
    /// `holder`'s; returns false, changing nothing, while another holder's lease is live. Atomic across replicas:
    /// the worker's single-instance lock and an upload's one-request-at-a-time rule across servers.
    func acquireLease(_ name: String, holder: String, until expiry: Double, now: Double) throws -> Bool
    /// Gives the lease up if `holder` holds it; no effect otherwise.
    func releaseLease(_ name: String, holder: String) throws

    // MARK: Registry documents

    /// The registry document `kind`/`key`, or nil.
    func registryDocument(kind: String, key: String) throws -> String?
    /// Stores or replaces the registry document `kind`/`key`.
    func putRegistryDocument(kind: String, key: String, value: String) throws
    /// Stores the registry document `kind`/`key` only when there is none; returns false (changing nothing) when there is.
    func insertRegistryDocument(kind: String, key: String, value: String) throws -> Bool
    /// Removes the registry document `kind`/`key`; returns the value it had, or nil when there was none.
    @discardableResult func deleteRegistryDocument(kind: String, key: String) throws -> String?
    /// The registry documents of `kind`, sorted by key (byte order), strictly after `after`, at most `limit`.
    func listRegistryDocuments(kind: String, after: String?, limit: Int) throws -> [RegistryDocument]

    // MARK: Repository documents

    /// The document `kind` of `repository`, or nil (also for an unknown repository).
    func repositoryDocument(repository: String, kind: String) throws -> String?
    /// Stores or replaces the document `kind` of `repository`. - Throws: `MetadataError.repositoryNotFound`.
    func putRepositoryDocument(repository: String, kind: String, value: String) throws
    /// Removes the document `kind` of `repository`; returns the value it had, or nil when there was none.
    @discardableResult func deleteRepositoryDocument(repository: String, kind: String) throws -> String?

    // MARK: Settings (store-wide)

    /// A stored setting (keys, secrets, registry-wide options), or nil.
    func setting(_ name: String) throws -> String?
    /// Stores `value` under `name` unless a value is already there; returns the value now stored. Atomic, so
    /// replicas that start together agree on one generated secret.
    func setSettingIfAbsent(_ name: String, value: String) throws -> String
    /// Stores or replaces a setting.
    func setSetting(_ name: String, value: String) throws
}

extension MetadataStore {
    /// Images of any storage status (see `listImages(repository:tagStatus:imageStatus:after:limit:)`).
    public func listImages(repository: String, tagStatus: TagStatusFilter, after: String?, limit: Int) throws -> [ImageRecord] {
        try listImages(repository: repository, tagStatus: tagStatus, imageStatus: nil, after: after, limit: limit)
    }

    /// Image ids of any storage status (see `listImageIDs(repository:tagStatus:imageStatus:after:limit:)`).
    public func listImageIDs(repository: String, tagStatus: TagStatusFilter, after: ImageIDRecord?, limit: Int) throws -> [ImageIDRecord] {
        try listImageIDs(repository: repository, tagStatus: tagStatus, imageStatus: nil, after: after, limit: limit)
    }
}

/// The failures every metadata store reports the same way.
public enum MetadataError: Error, Equatable, Sendable {
    /// A repository with that name exists already.
    case repositoryAlreadyExists(String)
    /// No repository with that name.
    case repositoryNotFound(String)
    /// The repository still holds images (delete without `force`).
    case repositoryNotEmpty(String)
    /// No upload session with that id.
    case uploadNotFound(String)
    /// A new image with `requiresReferences` names blobs the repository does not link or manifests it does not hold.
    case referencesMissing(blobs: [String], manifests: [String])
    /// Garbage collection has claimed the blob (it is deleting its bytes): it cannot be linked or pinned until the
    /// claim is released.
    case blobClaimed(String)
    /// A compare-and-set lost: the row changed since it was read (another request or replica moved it).
    case conflict(String)
    /// The backend failed; the text says how.
    case backend(String)
}
