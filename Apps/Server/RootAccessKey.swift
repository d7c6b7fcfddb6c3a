import BerthCrypto
import BerthMetadata
import BerthStoreSetup

/// The root access key: from the environment when set, otherwise generated once and kept in the metadata store.
struct RootAccessKey {
    let accessKeyID: String
    let secretAccessKey: String
    /// True when this start generated the key (so it is printed once).
    let generatedNow: Bool
    let fromEnvironment: Bool

    static func load(from metadata: any MetadataStore) throws -> RootAccessKey {
        if let id = Environment.string("BERTH_ROOT_ACCESS_KEY_ID"), let secret = Environment.string("BERTH_ROOT_SECRET_ACCESS_KEY") {
            return RootAccessKey(accessKeyID: id, secretAccessKey: secret, generatedNow: false, fromEnvironment: true)
        }
        let candidate = "AKIA" + SecureRandom.string(16, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        let candidateSecret = SecureRandom.string(40, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let stored = try metadata.setSettingIfAbsent("root-access-key", value: "\(candidate):\(candidateSecret)")
        let parts = stored.split(separator: ":", maxSplits: 1).map(String.init)
        return RootAccessKey(
            accessKeyID: parts[0], secretAccessKey: parts[1], generatedNow: stored.hasPrefix(candidate + ":"), fromEnvironment: false)
    }
}
