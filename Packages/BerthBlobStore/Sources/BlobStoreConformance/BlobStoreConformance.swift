public import BerthBlobStore

/// The behaviour every `BlobStore` must show, as a library any implementation (built in or plugin) runs.
///
/// It uses no test framework: each case throws `BlobStoreConformance.Failure` describing the first broken
/// expectation. Every case gets a fresh store from `makeStore`. From Swift Testing, one test per case:
///
/// ```swift
/// @Test(arguments: BlobStoreConformance.caseNames)
/// func conformance(_ name: String) throws {
///     try BlobStoreConformance { MemoryBlobStore() }.run(name)
/// }
/// ```
public struct BlobStoreConformance {
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

        public var description: String { "BlobStoreConformance.\(caseName): \(message)" }
    }

    typealias Case = @Sendable (ConformanceCheck, any BlobStore) throws -> Void

    private let makeStore: () throws -> any BlobStore

    /// A suite over stores made by `makeStore` (called once per case; each call must give an empty store).
    public init(makeStore: @escaping () throws -> any BlobStore) {
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
        let check = ConformanceCheck(caseName: name)
        do {
            let store = try makeStore()
            try entry.body(check, store)
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
        ("emptyBlob", emptyBlob),
        ("smallBlob", smallBlob),
        ("largeBlob", largeBlob),
        ("offsetFollowsWrites", offsetFollowsWrites),
        ("commitTakesOnlyTheGivenSize", commitTakesOnlyTheGivenSize),
        ("commitLongerThanSessionFails", commitLongerThanSessionFails),
        ("readFullAndRanges", readFullAndRanges),
        ("readInSmallBuffers", readInSmallBuffers),
        ("invalidRanges", invalidRanges),
        ("cancelDiscardsSession", cancelDiscardsSession),
        ("reopenContinuesAtOffset", reopenContinuesAtOffset),
        ("reopenDropsBytesPastOffset", reopenDropsBytesPastOffset),
        ("reopenPastTheEndFails", reopenPastTheEndFails),
        ("reopenRepeatedly", reopenRepeatedly),
        ("writeAfterCloseFails", writeAfterCloseFails),
        ("commitOfExistingBlob", commitOfExistingBlob),
        ("duplicateUploadIDFails", duplicateUploadIDFails),
        ("interleavedSessions", interleavedSessions),
        ("listBlobsInDigestOrder", listBlobsInDigestOrder),
        ("deleteBlob", deleteBlob),
        ("unknownUpload", unknownUpload),
        ("unknownBlob", unknownBlob),
    ]
}
