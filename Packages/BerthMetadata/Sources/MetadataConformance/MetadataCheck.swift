import BerthMetadata
import BerthModel

/// The expectations a case states; each throws `MetadataConformance.Failure` when it does not hold.
struct MetadataCheck: Sendable {
    let caseName: String

    func fail(_ message: String) -> MetadataConformance.Failure {
        MetadataConformance.Failure(caseName: caseName, message: message)
    }

    /// `condition` must hold.
    func that(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw fail(message()) }
    }

    /// `actual` must equal `expected`.
    func equal<T: Equatable>(_ actual: T, _ expected: T, _ what: String) throws {
        if actual != expected { throw fail("\(what): expected \(expected), got \(actual)") }
    }

    /// `body` must throw exactly `expected`.
    func throwsError(_ expected: MetadataError, _ what: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as MetadataError {
            if error != expected { throw fail("\(what): expected \(expected), got \(error)") }
            return
        } catch {
            throw fail("\(what): expected \(expected), got \(error)")
        }
        throw fail("\(what): expected \(expected), nothing was thrown")
    }

    /// `body` must throw some error.
    func throwsSomething(_ what: String, _ body: () throws -> Void) throws {
        do { try body() } catch { return }
        throw fail("\(what): expected an error, nothing was thrown")
    }

    /// The result of `removeTag` must be `expected`.
    func removal(_ actual: (digest: String, imageDeleted: Bool)?, _ expected: (String, Bool)?, _ what: String) throws {
        let same =
            switch (actual, expected) {
            case (nil, nil): true
            case (let actual?, let expected?): actual.digest == expected.0 && actual.imageDeleted == expected.1
            default: false
            }
        if !same { throw fail("\(what): expected \(String(describing: expected)), got \(String(describing: actual))") }
    }
}

/// Records to store.
enum Fixture {
    static let time = 1_700_000_000.25

    /// A digest whose hex is `number` in hex, zero-padded (so digests sort like their numbers).
    static func digest(_ number: Int) -> String {
        let hex = String(number, radix: 16)
        return "sha256:" + String(repeating: "0", count: 64 - hex.count) + hex
    }

    /// A repository with default settings.
    static func repository(_ name: String) -> RepositoryRecord {
        RepositoryRecord(name: name, createdAt: time)
    }

    /// Creates repositories `names` in `store`.
    static func create(_ names: String..., in store: any MetadataStore) throws {
        for name in names { try store.createRepository(repository(name)) }
    }

    /// Image number `number` of `repository`, referencing blobs `blobs` and children `children`.
    static func image(
        _ repository: String, _ number: Int, blobs: [Int] = [], children: [Int] = [], subject: Int? = nil, artifactType: String? = nil
    ) -> NewImage {
        let manifest = Array("{\"schemaVersion\":2,\"n\":\(number)}".utf8)
        let record = ImageRecord(
            repository: repository, digest: digest(number), manifest: manifest, mediaType: "application/vnd.oci.image.manifest.v1+json",
            artifactType: artifactType, subjectDigest: subject.map(digest), sizeInBytes: Int64(number * 1000), pushedAt: time + Double(number)
        )
        return NewImage(image: record, blobDigests: blobs.map(digest), childDigests: children.map(digest))
    }

    /// The record `store.image` should return for `image` with `tags`.
    static func stored(_ image: NewImage, tags: [String] = [], lastPulledAt: Double? = nil) -> ImageRecord {
        var record = image.image
        record.tags = tags
        record.lastPulledAt = lastPulledAt
        return record
    }

    /// An upload record in `repository`.
    static func upload(_ id: String, _ repository: String, updatedAt: Double = time) -> UploadRecord {
        UploadRecord(id: id, repository: repository, kind: "ecr", createdAt: time, updatedAt: updatedAt)
    }
}
