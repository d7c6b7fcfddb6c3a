import BerthModel
public import BerthWire

extension ECRService {
    public func putImageTagMutability(_ input: ECR.PutImageTagMutabilityRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.PutImageTagMutabilityResponse
    {
        try await run {
            try checkRegistry(input.registryId, repository: input.repositoryName)
            let filters = (input.imageTagMutabilityExclusionFilters ?? []).map(\.filter)
            try RepositorySettingsRules.checkMutability(input.imageTagMutability, filters: filters)
            let record = try registry.updateRepository(input.repositoryName) { record in
                record.imageTagMutability = input.imageTagMutability
                record.tagMutabilityExclusionFilters = filters
            }
            return ECR.PutImageTagMutabilityResponse(
                registryId: accountID, repositoryName: record.name, imageTagMutability: record.imageTagMutability,
                imageTagMutabilityExclusionFilters: input.imageTagMutabilityExclusionFilters)
        }
    }

    public func putImageScanningConfiguration(_ input: ECR.PutImageScanningConfigurationRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.PutImageScanningConfigurationResponse
    {
        try await run {
            try checkRegistry(input.registryId, repository: input.repositoryName)
            let scanOnPush = input.imageScanningConfiguration.scanOnPush ?? false
            let record = try registry.updateRepository(input.repositoryName) { $0.scanOnPush = scanOnPush }
            return ECR.PutImageScanningConfigurationResponse(
                registryId: accountID, repositoryName: record.name,
                imageScanningConfiguration: ECR.ImageScanningConfiguration(scanOnPush: record.scanOnPush))
        }
    }
}
