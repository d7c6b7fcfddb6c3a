/// ECR's rules for the settings a new repository (or a creation template) carries.
public enum RepositorySettingsRules {
    /// Exclusion filters belong to the `*_WITH_EXCLUSION` modes only, and those need at least one.
    /// - Throws: `.invalidParameter`.
    public static func checkMutability(_ mutability: String, filters: [String]) throws {
        let withExclusion = mutability.hasSuffix("_WITH_EXCLUSION")
        if withExclusion, filters.isEmpty {
            throw RegistryError.invalidParameter(
                "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'required when imageTagMutability is \(mutability)'"
            )
        }
        if !withExclusion, !filters.isEmpty {
            throw RegistryError.invalidParameter(
                "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'only allowed with IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION'"
            )
        }
    }

    /// The stored encryption (type, KMS key): AES256 by default; a KMS type without a key gets the account's
    /// `aws/ecr` alias. - Throws: `.invalidParameter` for a key with AES256.
    public static func encryption(type: String?, kmsKey: String?, region: String, accountID: String) throws -> (type: String, kmsKey: String?) {
        let type = type ?? "AES256"
        if type == "AES256", kmsKey != nil {
            throw RegistryError.invalidParameter(
                "Invalid parameter at 'encryptionConfiguration' failed to satisfy constraint: 'kmsKey can only be specified with KMS encryption'")
        }
        if type != "AES256", kmsKey == nil { return (type, "arn:aws:kms:\(region):\(accountID):alias/aws/ecr") }
        return (type, kmsKey)
    }
}
