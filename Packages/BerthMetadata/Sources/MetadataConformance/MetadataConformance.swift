public import BerthMetadata

/// The behaviour every `MetadataStore` must show, as a library any implementation (built in or plugin) runs.
///
/// It uses no test framework: each case throws `MetadataConformance.Failure` describing the first broken
/// expectation. Every case gets a fresh, empty store from `makeStore`. From Swift Testing, one test per case:
///
/// ```swift
/// @Test(arguments: MetadataConformance.caseNames)
/// func conformance(_ name: String) throws {
///     try MetadataConformance { MemoryMetadataStore() }.run(name)
/// }
/// ```
public struct MetadataConformance {
    /// A broken expectation: which case, and what was expected and seen.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        /// The case that failed (or the cases, for `runAll`).
        public var caseName: String
        /// What went wrong.
        public var message: String

        /// A failure of `caseName`.
        public init(caseName: String, message: String) {
            self.caseName = caseName
            self.message = message
        }

        public var description: String { "MetadataConformance.\(caseName): \(message)" }
    }

    typealias Case = @Sendable (MetadataCheck, any MetadataStore) throws -> Void

    private let makeStore: () throws -> any MetadataStore

    /// A suite over stores made by `makeStore` (called once per case; each call must give an empty store).
    public init(makeStore: @escaping () throws -> any MetadataStore) {
        self.makeStore = makeStore
    }

    /// The names of every case, in the order `runAll` runs them.
    public static var caseNames: [String] { cases.map(\.name) }

    /// Runs one case on a fresh store.
    /// - Throws: `Failure` when the store misbehaves (or `name` is not a case).
    public func run(_ name: String) throws {
        guard let entry = Self.cases.first(where: { $0.name == name }) else {
            throw Failure(caseName: name, message: "no such case; cases are \(Self.caseNames)")
        }
        do {
            try entry.body(MetadataCheck(caseName: name), try makeStore())
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(caseName: name, message: "unexpected error: \(error)")
        }
    }

    /// Runs every case, each on a fresh store.
    /// - Throws: one `Failure` listing every case that failed.
    public func runAll() throws {
        var failures: [Failure] = []
        for name in Self.caseNames {
            do { try run(name) } catch let failure as Failure { failures.append(failure) }
        }
        guard failures.isEmpty else {
            throw Failure(caseName: failures.map(\.caseName).joined(separator: ","), message: failures.map(\.description).joined(separator: "\n"))
        }
    }

    static let cases: [(name: String, body: Case)] = [
        ("repositoryRoundTrip", repositoryRoundTrip),
        ("duplicateRepositoryFails", duplicateRepositoryFails),
        ("unknownRepository", unknownRepository),
        ("updateRepositoryReplacesSettings", updateRepositoryReplacesSettings),
        ("listRepositoriesOrderAndPaging", listRepositoriesOrderAndPaging),
        ("repositoryCount", repositoryCount),
        ("deleteEmptyRepository", deleteEmptyRepository),
        ("deleteNonEmptyRepositoryNeedsForce", deleteNonEmptyRepositoryNeedsForce),
        ("forcedDeleteCascades", forcedDeleteCascades),
        ("putNewImageWithTag", putNewImageWithTag),
        ("putNewImageWithoutTag", putNewImageWithoutTag),
        ("putSameImageAndTagAgain", putSameImageAndTagAgain),
        ("putExistingImageWithNewTag", putExistingImageWithNewTag),
        ("moveTagToExistingImage", moveTagToExistingImage),
        ("moveTagWithNewImage", moveTagWithNewImage),
        ("immutableTagOnExistingImage", immutableTagOnExistingImage),
        ("immutableTagWithNewImageStoresNothing", immutableTagWithNewImageStoresNothing),
        ("immutableFlagWithFreeOrOwnTag", immutableFlagWithFreeOrOwnTag),
        ("putImageInUnknownRepository", putImageInUnknownRepository),
        ("imageFieldsRoundTrip", imageFieldsRoundTrip),
        ("putImageRequiresReferences", putImageRequiresReferences),
        ("imagesAreScopedToRepository", imagesAreScopedToRepository),
        ("recordPull", recordPull),
        ("listImagesOrderPagingAndFilters", listImagesOrderPagingAndFilters),
        ("listImageIDsOrderPagingAndFilters", listImageIDsOrderPagingAndFilters),
        ("listTagsByteOrderAndPaging", listTagsByteOrderAndPaging),
        ("listTagsFollowsTagChanges", listTagsFollowsTagChanges),
        ("imageCount", imageCount),
        ("queriesOnUnknownRepositoryFindNothing", queriesOnUnknownRepositoryFindNothing),
        ("deleteImageRemovesTagsAndLinks", deleteImageRemovesTagsAndLinks),
        ("removeTagKeepsImageWithOtherTags", removeTagKeepsImageWithOtherTags),
        ("removeLastTagDeletesImageWhenAsked", removeLastTagDeletesImageWhenAsked),
        ("removeLastTagLeavesImageUntagged", removeLastTagLeavesImageUntagged),
        ("removeUnknownTag", removeUnknownTag),
        ("manifestsReferencing", manifestsReferencing),
        ("referrers", referrers),
        ("isBlobReferenced", isBlobReferenced),
        ("layersAreIdempotentAndKeepFirst", layersAreIdempotentAndKeepFirst),
        ("isLayerLinkedAnywhere", isLayerLinkedAnywhere),
        ("putLayerInUnknownRepository", putLayerInUnknownRepository),
        ("deleteLayerUnlinksFromOneRepository", deleteLayerUnlinksFromOneRepository),
        ("deleteLayerKeepsImageBlobLinks", deleteLayerKeepsImageBlobLinks),
        ("uploadRoundTrip", uploadRoundTrip),
        ("updateUploadReplacesProgress", updateUploadReplacesProgress),
        ("updateUploadIsCompareAndSet", updateUploadIsCompareAndSet),
        ("completeUploadLinksAndRemovesAtomically", completeUploadLinksAndRemovesAtomically),
        ("leasesExcludeOtherHolders", leasesExcludeOtherHolders),
        ("deleteUpload", deleteUpload),
        ("listUploadsUpdatedBefore", listUploadsUpdatedBefore),
        ("uploadInUnknownRepository", uploadInUnknownRepository),
        ("duplicateUploadFails", duplicateUploadFails),
        ("settings", settings),
        ("setSettingIfAbsentKeepsFirst", setSettingIfAbsentKeepsFirst),
        ("registryDocumentsRoundTrip", registryDocumentsRoundTrip),
        ("listRegistryDocumentsOrderAndPaging", listRegistryDocumentsOrderAndPaging),
        ("repositoryDocumentsGoWithTheRepository", repositoryDocumentsGoWithTheRepository),
        ("imageStatusTransitions", imageStatusTransitions),
        ("listingsFilterByImageStatus", listingsFilterByImageStatus),
        ("registriesAreIndependent", registriesAreIndependent),
        ("adoptUnscopedRepositories", adoptUnscopedRepositories),
        ("collectionFindsUnreferencedBlobs", collectionFindsUnreferencedBlobs),
        ("collectionClaimsFenceLinksAndPins", collectionClaimsFenceLinksAndPins),
        ("collectionTouchAndPins", collectionTouchAndPins),
        ("registryScopes", registryScopes),
    ]
}
