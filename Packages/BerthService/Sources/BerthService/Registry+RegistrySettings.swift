import BerthAuth
public import BerthWire

/// A registry's scanning configuration as stored (ECR's default: BASIC, no rules).
public struct RegistryScanning: Codable, Sendable, Equatable {
    public var scanType: String
    public var rules: [ECR.RegistryScanningRule]

    /// ECR's configuration for a registry that never set one.
    public static let standard = RegistryScanning(scanType: "BASIC", rules: [])
}

/// The account settings ECR knows, with their allowed values (the first is the default).
public enum AccountSetting {
    /// Setting name → allowed values, default first.
    public static let allowed: [String: [String]] = [
        "BASIC_SCAN_TYPE_VERSION": ["AWS_NATIVE"],
        "REGISTRY_POLICY_SCOPE": ["V2", "V1"],
        "BLOB_MOUNTING": ["ENABLED", "DISABLED"],
    ]
}

extension Registry {
    // MARK: Registry policy

    /// Validates (as an IAM policy document) and stores the registry policy. - Throws: `.invalidParameter`.
    public func putRegistryPolicy(_ text: String) throws {
        do {
            _ = try PolicyDocument.parse(text)
        } catch {
            throw RegistryError.invalidParameter(
                "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid registry policy provided': \(error.message)"
            )
        }
        try putRegistryDocument(DocumentKind.registryPolicy, text)
    }

    /// The registry policy. - Throws: `.registryPolicyNotFound`.
    public func registryPolicy() throws -> String {
        guard let text = try registryDocument(DocumentKind.registryPolicy, as: String.self) else { throw RegistryError.registryPolicyNotFound }
        return text
    }

    /// Removes the registry policy; returns it. - Throws: `.registryPolicyNotFound`.
    public func deleteRegistryPolicy() throws -> String {
        guard let text = try deleteRegistryDocument(DocumentKind.registryPolicy, as: String.self) else { throw RegistryError.registryPolicyNotFound }
        return text
    }

    // MARK: Replication

    /// The most distinct destinations a replication configuration may name.
    public static let maximumReplicationDestinations = 25

    /// Validates and stores the replication configuration (an empty rule list clears it). Replication itself runs
    /// later, from the worker; what is stored is what it will read. - Throws: `.invalidParameter`.
    public func putReplicationConfiguration(_ configuration: ECR.ReplicationConfiguration) throws {
        var destinations = Set<String>()
        for rule in configuration.rules {
            for destination in rule.destinations {
                if destination.region == self.configuration.region, destination.registryId == self.configuration.accountID {
                    throw RegistryError.invalidParameter(
                        "Invalid parameter at 'replicationConfiguration' failed to satisfy constraint: 'A replication destination cannot be the source registry and region'"
                    )
                }
                destinations.insert("\(destination.region)/\(destination.registryId)")
            }
        }
        if destinations.count > Self.maximumReplicationDestinations {
            throw RegistryError.invalidParameter(
                "Invalid parameter at 'replicationConfiguration' failed to satisfy constraint: 'A replication configuration can have at most \(Self.maximumReplicationDestinations) unique destinations'"
            )
        }
        try putRegistryDocument(DocumentKind.replicationConfiguration, configuration)
    }

    /// The replication configuration (no rules when never set).
    public func replicationConfiguration() throws -> ECR.ReplicationConfiguration {
        try registryDocument(DocumentKind.replicationConfiguration, as: ECR.ReplicationConfiguration.self) ?? ECR.ReplicationConfiguration(rules: [])
    }

    // MARK: Scanning

    /// Validates and stores the registry's scanning configuration. - Throws: `.validation`.
    public func putRegistryScanning(_ scanning: RegistryScanning) throws {
        if scanning.scanType == "BASIC", let rule = scanning.rules.first(where: { $0.scanFrequency == "CONTINUOUS_SCAN" }) {
            throw RegistryError.validation("Scan frequency \(rule.scanFrequency) is not supported with the BASIC scan type; use ENHANCED")
        }
        try putRegistryDocument(DocumentKind.registryScanningConfiguration, scanning)
    }

    /// The registry's scanning configuration.
    public func registryScanning() throws -> RegistryScanning {
        try registryDocument(DocumentKind.registryScanningConfiguration, as: RegistryScanning.self) ?? .standard
    }

    // MARK: Account settings

    /// An account setting's value (its default when never set). - Throws: `.validation` for an unknown name.
    public func accountSetting(_ name: String) throws -> String {
        guard let allowed = AccountSetting.allowed[name] else {
            throw RegistryError.validation("'\(name)' is not an account setting; valid names are \(AccountSetting.allowed.keys.sorted())")
        }
        return try registryDocument(DocumentKind.accountSetting, key: name, as: String.self) ?? allowed[0]
    }

    /// Stores an account setting. - Throws: `.validation` for an unknown name or value.
    public func putAccountSetting(_ name: String, value: String) throws {
        guard let allowed = AccountSetting.allowed[name] else {
            throw RegistryError.validation("'\(name)' is not an account setting; valid names are \(AccountSetting.allowed.keys.sorted())")
        }
        guard allowed.contains(value) else {
            throw RegistryError.validation("'\(value)' is not a valid value for \(name); valid values are \(allowed)")
        }
        try putRegistryDocument(DocumentKind.accountSetting, key: name, value)
    }

    /// Whether /v2 cross-repository mounts are allowed (account setting BLOB_MOUNTING).
    public func isBlobMountingEnabled() throws -> Bool {
        try accountSetting("BLOB_MOUNTING") == "ENABLED"
    }
}
