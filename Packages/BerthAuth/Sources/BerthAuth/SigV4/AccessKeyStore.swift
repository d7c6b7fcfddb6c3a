/// Looks up the secret of an access key, the one thing SigV4 verification needs from storage.
///
/// Implementations live above this package (a metadata-backed store, a configuration file); this package ships
/// only `StaticAccessKeyStore`.
public protocol AccessKeyStore: Sendable {
    /// The secret access key of `accessKeyID`, or nil when the key is unknown or disabled.
    func secretAccessKey(for accessKeyID: String) -> String?
}

/// An access-key store over a fixed dictionary, for configuration-defined keys and tests.
public struct StaticAccessKeyStore: AccessKeyStore {
    private let keys: [String: String]

    /// A store holding `keys`, access key ID → secret access key.
    public init(_ keys: [String: String]) {
        self.keys = keys
    }

    /// The secret for `accessKeyID`, or nil when it is not in the dictionary.
    public func secretAccessKey(for accessKeyID: String) -> String? {
        keys[accessKeyID]
    }
}
