import BerthBlobStore
import BerthMetadata
public import BerthModel

extension Registry {
    /// Creates a repository. - Throws: `.repositoryAlreadyExists`.
    public func createRepository(_ record: RepositoryRecord) throws {
        try store { try metadata.createRepository(record) }
    }

    /// The repository named `name`, or nil.
    public func findRepository(_ name: String) throws -> RepositoryRecord? {
        try store { try metadata.repository(named: name) }
    }

    /// Repositories sorted by name after `after`, at most `limit`.
    public func listRepositories(after: String?, limit: Int) throws -> [RepositoryRecord] {
        try store { try metadata.listRepositories(after: after, limit: limit) }
    }

    /// Changes a repository's settings: reads it, lets `change` edit it, stores it; returns the stored record.
    /// - Throws: `.repositoryNotFound`, or what `change` throws (then nothing is stored).
    @discardableResult
    public func updateRepository(_ name: String, _ change: (inout RepositoryRecord) throws -> Void) throws -> RepositoryRecord {
        var record = try requireRepository(name)
        try change(&record)
        try store { try metadata.updateRepository(record) }
        return record
    }

    /// Deletes a repository (with `force`, with its images) and discards the bytes of its uploads in progress.
    /// - Throws: `.repositoryNotFound`, `.repositoryNotEmpty`.
    public func deleteRepository(_ name: String, force: Bool) throws -> RepositoryDeletion {
        let deletion = try store { try metadata.deleteRepository(named: name, force: force) }
        for upload in deletion.uploadIDs {
            cleanUp("discard upload \(upload) of deleted repository \(name)") { try blobs.cancelUpload(id: upload) }
        }
        return deletion
    }
}
