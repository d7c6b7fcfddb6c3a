import BerthBlobStore
import BerthPluginABI

/// One call into a plugin with its error buffer: a status other than `BERTH_OK` becomes a `BlobStoreError`, with
/// the plugin's message for everything the host cannot name itself.
struct PluginCall {
    /// The plugin's name, for messages.
    let plugin: String

    /// Runs `body` with an error buffer. `notFound` and `invalid` name what `BERTH_NOT_FOUND` and `BERTH_INVALID`
    /// mean for this call; any other failure is `.backend("<plugin> <what>: <message>")`.
    func run(
        _ what: String, notFound: BlobStoreError? = nil, invalid: BlobStoreError? = nil,
        _ body: (UnsafeMutablePointer<CChar>, Int) -> berth_status
    ) throws {
        let (status, message) = Self.invoke(body)
        guard status != BERTH_OK else { return }
        if status == BERTH_NOT_FOUND, let notFound { throw notFound }
        if status == BERTH_INVALID, let invalid { throw invalid }
        throw BlobStoreError.backend("\(plugin) \(what): \(message.isEmpty ? "status \(status)" : message)")
    }

    /// Calls `body` with a 512-byte error buffer (the ABI's caller-owned buffer); returns the status and whatever
    /// message the plugin wrote (every table's calls share this).
    static func invoke(_ body: (UnsafeMutablePointer<CChar>, Int) -> berth_status) -> (status: berth_status, message: String) {
        var buffer = [CChar](repeating: 0, count: 512)
        let status = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, $0.count - 1) }
        buffer[buffer.count - 1] = 0
        return (status, buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
    }
}
