public import BerthAuth
import BerthMetadata
import BerthModel
public import BerthWire

/// Amazon ECR's operations over the shared registry core. Each operation group lives in its own file
/// (`ECRService+Repositories.swift`, `+Images`, `+Listing`, `+Layers`, `+Policies`, `+Authorization`).
/// Operations Berth does not implement yet answer the generated default (`UnknownOperationException`).
public struct ECRService: ECROperationHandler {
    public let registry: Registry
    let tokens: AuthorizationTokenIssuer
    let downloadURLs: URLSigner

    /// - Parameters:
    ///   - registry: the shared stores and configuration.
    ///   - tokens: mints the passwords GetAuthorizationToken returns.
    ///   - downloadURLs: signs the URLs GetDownloadUrlForLayer returns (berth-server verifies them).
    public init(registry: Registry, tokens: AuthorizationTokenIssuer, downloadURLs: URLSigner) {
        self.registry = registry
        self.tokens = tokens
        self.downloadURLs = downloadURLs
    }

    var configuration: RegistryConfiguration { registry.configuration }
    var accountID: String { registry.configuration.accountID }

    /// Runs an operation body, turning every error into the `ECRError` the client sees (one table:
    /// `ECRError.init(_ error: RegistryError)`); anything unexpected becomes `ServerException`.
    func run<T>(_ body: () async throws -> T) async throws(ECRError) -> T {
        do {
            return try await body()
        } catch let error as ECRError {
            throw error
        } catch let error as RegistryError {
            var rendered = ECRError(error, accountID: accountID)
            if case .backend(let cause) = error { rendered.cause = cause }
            throw rendered
        } catch {
            var rendered = ECRError.server("internal error")
            rendered.cause = String(describing: error)
            throw rendered
        }
    }

    /// Refuses a `registryId` other than ours the way ECR does for a repository it cannot see.
    func checkRegistry(_ registryId: String?, repository: String) throws {
        if let registryId, registryId != accountID {
            throw ECRError.repositoryNotFound(name: repository, registryId: registryId)
        }
    }

    /// The repository, after checking the registry id. - Throws: RepositoryNotFoundException.
    func repository(_ name: String, registryId: String?) throws -> RepositoryRecord {
        try checkRegistry(registryId, repository: name)
        return try registry.requireRepository(name)
    }
}
