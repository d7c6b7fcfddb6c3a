import BerthBlobStore
import BerthMetadata
import BerthModel

extension Registry {
    /// Runs a metadata or blob store call, turning backend errors into `RegistryError`.
    func store<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RegistryError {
            throw error
        } catch let error as MetadataError {
            throw RegistryError(error)
        } catch let error as BlobStoreError {
            throw RegistryError(error)
        } catch {
            throw RegistryError.backend(String(describing: error))
        }
    }
}

extension Registry {
    /// `store`, run on a blocking-I/O thread (for calls that write or fsync blob data).
    func storeBlocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await BlockingIO.run(body)
        } catch let error as MetadataError {
            throw RegistryError(error)
        } catch let error as BlobStoreError {
            throw RegistryError(error)
        }
    }
}

extension RegistryError {
    /// The one table from metadata failures to registry errors.
    init(_ error: MetadataError) {
        switch error {
        case .repositoryAlreadyExists(let name): self = .repositoryAlreadyExists(name)
        case .repositoryNotFound(let name): self = .repositoryNotFound(name)
        case .repositoryNotEmpty(let name): self = .repositoryNotEmpty(name)
        case .uploadNotFound(let id): self = .uploadNotFound(id)
        case .referencesMissing(let blobs, let manifests):
            self = blobs.isEmpty ? .referencedManifestsNotFound(manifests) : .blobsNotFound(blobs)
        case .blobClaimed(let digest): self = .blobBeingCollected(digest)
        case .conflict(let message): self = .backend("unexpected write conflict: \(message)")
        case .backend(let message): self = .backend(message)
        }
    }

    /// The one table from blob store failures to registry errors.
    init(_ error: BlobStoreError) {
        switch error {
        case .blobNotFound(let digest): self = .blobsNotFound([digest.description])
        case .uploadNotFound(let id): self = .uploadNotFound(id)
        case .invalidRange: self = .backend("invalid range")
        case .backend(let message): self = .backend(message)
        }
    }
}
