import BerthModel
public import BerthWire

extension ECRService {
    public func putRegistryPolicy(_ input: ECR.PutRegistryPolicyRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.PutRegistryPolicyResponse
    {
        try await run {
            try registry.putRegistryPolicy(input.policyText)
            return ECR.PutRegistryPolicyResponse(registryId: accountID, policyText: input.policyText)
        }
    }

    public func getRegistryPolicy(_ input: ECR.GetRegistryPolicyRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.GetRegistryPolicyResponse
    {
        try await run { ECR.GetRegistryPolicyResponse(registryId: accountID, policyText: try registry.registryPolicy()) }
    }

    public func deleteRegistryPolicy(_ input: ECR.DeleteRegistryPolicyRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.DeleteRegistryPolicyResponse
    {
        try await run { ECR.DeleteRegistryPolicyResponse(registryId: accountID, policyText: try registry.deleteRegistryPolicy()) }
    }

    public func describeRegistry(_ input: ECR.DescribeRegistryRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.DescribeRegistryResponse
    {
        try await run { ECR.DescribeRegistryResponse(registryId: accountID, replicationConfiguration: try registry.replicationConfiguration()) }
    }

    public func putReplicationConfiguration(_ input: ECR.PutReplicationConfigurationRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.PutReplicationConfigurationResponse
    {
        try await run {
            try registry.putReplicationConfiguration(input.replicationConfiguration)
            return ECR.PutReplicationConfigurationResponse(replicationConfiguration: input.replicationConfiguration)
        }
    }

    public func putRegistryScanningConfiguration(_ input: ECR.PutRegistryScanningConfigurationRequest, context: ECRRequestContext)
        async throws(ECRError) -> ECR.PutRegistryScanningConfigurationResponse
    {
        try await run {
            let scanning = RegistryScanning(scanType: input.scanType ?? "BASIC", rules: input.rules ?? [])
            try registry.putRegistryScanning(scanning)
            return ECR.PutRegistryScanningConfigurationResponse(
                registryScanningConfiguration: ECR.RegistryScanningConfiguration(scanType: scanning.scanType, rules: scanning.rules))
        }
    }

    public func getRegistryScanningConfiguration(_ input: ECR.GetRegistryScanningConfigurationRequest, context: ECRRequestContext)
        async throws(ECRError) -> ECR.GetRegistryScanningConfigurationResponse
    {
        try await run {
            let scanning = try registry.registryScanning()
            return ECR.GetRegistryScanningConfigurationResponse(
                registryId: accountID, scanningConfiguration: ECR.RegistryScanningConfiguration(scanType: scanning.scanType, rules: scanning.rules))
        }
    }

    /// Each repository's effective scanning: the registry rules whose filters match its name (SCAN_ON_PUSH wins over
    /// MANUAL), else its own scan-on-push flag.
    public func batchGetRepositoryScanningConfiguration(
        _ input: ECR.BatchGetRepositoryScanningConfigurationRequest, context: ECRRequestContext
    ) async throws(ECRError) -> ECR.BatchGetRepositoryScanningConfigurationResponse {
        try await run {
            let scanning = try registry.registryScanning()
            var found: [ECR.RepositoryScanningConfiguration] = []
            var failures: [ECR.RepositoryScanningConfigurationFailure] = []
            for name in input.repositoryNames {
                guard let record = try registry.findRepository(name) else {
                    failures.append(
                        ECR.RepositoryScanningConfigurationFailure(
                            repositoryName: name, failureCode: "REPOSITORY_NOT_FOUND", failureReason: "The repository '\(name)' does not exist"))
                    continue
                }
                let matching = scanning.rules.compactMap { rule -> (String, [ECR.ScanningRepositoryFilter])? in
                    let filters = rule.repositoryFilters.filter { WildcardPattern.matches($0.filter, name) }
                    return filters.isEmpty ? nil : (rule.scanFrequency, filters)
                }
                let frequency =
                    ["CONTINUOUS_SCAN", "SCAN_ON_PUSH", "MANUAL"].first { wanted in matching.contains { $0.0 == wanted } }
                    ?? (record.scanOnPush ? "SCAN_ON_PUSH" : "MANUAL")
                found.append(
                    ECR.RepositoryScanningConfiguration(
                        repositoryArn: configuration.repositoryARN(name), repositoryName: name,
                        scanOnPush: frequency == "SCAN_ON_PUSH" || record.scanOnPush, scanFrequency: frequency,
                        appliedScanFilters: matching.flatMap(\.1)))
            }
            return ECR.BatchGetRepositoryScanningConfigurationResponse(scanningConfigurations: found, failures: failures)
        }
    }

    public func getAccountSetting(_ input: ECR.GetAccountSettingRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.GetAccountSettingResponse
    {
        try await run { ECR.GetAccountSettingResponse(name: input.name, value: try registry.accountSetting(input.name)) }
    }

    public func putAccountSetting(_ input: ECR.PutAccountSettingRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.PutAccountSettingResponse
    {
        try await run {
            try registry.putAccountSetting(input.name, value: input.value)
            return ECR.PutAccountSettingResponse(name: input.name, value: input.value)
        }
    }
}
