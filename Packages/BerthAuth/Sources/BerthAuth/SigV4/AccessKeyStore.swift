/// Looks up an access key: its secret (what SigV4 verification needs) and the IAM principal it belongs to (what
/// authorization needs).
///
/// Implementations live above this package (a metadata-backed store, a configuration file); this package ships
/// only `StaticAccessKeyStore`.
public protocol AccessKeyStore: Sendable {
    /// The secret access key of `accessKeyID`, or nil when the key is unknown or disabled.
    func secretAccessKey(for accessKeyID: String) -> String?
    /// The principal ARN `accessKeyID` belongs to (e.g. `arn:aws:iam::123456789012:root`), or nil when unknown.
    func principalARN(for accessKeyID: String) -> String?
}

/// An access-key store over a fixed dictionary of one principal's keys, for configuration-defined keys and tests.
public struct StaticAccessKeyStore: AccessKeyStore {
    private let keys: [String: String]
    private let principal: String

    /// A store holding `keys`, access key ID → secret access key, all belonging to `principalARN`.
    public init(_ keys: [String: String], principalARN: String) {
        self.keys = keys
        self.principal = principalARN
    }

    /// The secret for `accessKeyID`, or nil when it is not in the dictionary.
    public func secretAccessKey(for accessKeyID: String) -> String? {
        keys[accessKeyID]
    }

    /// The store's principal for a key it holds.
    public func principalARN(for accessKeyID: String) -> String? {
        keys[accessKeyID] == nil ? nil : principal
    }
}
