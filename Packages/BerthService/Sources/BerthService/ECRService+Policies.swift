import BerthAuth
import BerthMetadata
import BerthModel
public import BerthWire

extension ECRService {
    public func setRepositoryPolicy(_ input: ECR.SetRepositoryPolicyRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.SetRepositoryPolicyResponse
    {
        try await run {
            try checkRegistry(input.registryId, repository: input.repositoryName)
            do {
                _ = try PolicyDocument.parse(input.policyText)
            } catch {
                throw ECRError.invalidParameter(
                    "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided': \((error as? PolicyDocumentError)?.message ?? String(describing: error))"
                )
            }
            let record = try registry.updateRepository(input.repositoryName) { $0.policyText = input.policyText }
            return ECR.SetRepositoryPolicyResponse(registryId: accountID, repositoryName: record.name, policyText: input.policyText)
        }
    }

    public func getRepositoryPolicy(_ input: ECR.GetRepositoryPolicyRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.GetRepositoryPolicyResponse
    {
        try await run {
            let record = try repository(input.repositoryName, registryId: input.registryId)
            guard let policy = record.policyText else { throw policyNotFound(record.name) }
            return ECR.GetRepositoryPolicyResponse(registryId: accountID, repositoryName: record.name, policyText: policy)
        }
    }

    public func deleteRepositoryPolicy(_ input: ECR.DeleteRepositoryPolicyRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.DeleteRepositoryPolicyResponse
    {
        try await run {
            try checkRegistry(input.registryId, repository: input.repositoryName)
            var policy = ""
            let record = try registry.updateRepository(input.repositoryName) { record in
                guard let text = record.policyText else { throw policyNotFound(record.name) }
                policy = text
                record.policyText = nil
            }
            return ECR.DeleteRepositoryPolicyResponse(registryId: accountID, repositoryName: record.name, policyText: policy)
        }
    }

    private func policyNotFound(_ name: String) -> ECRError {
        .named(
            "RepositoryPolicyNotFoundException",
            "Repository policy does not exist for the repository with name '\(name)' in the registry with id '\(accountID)'")
    }
}
