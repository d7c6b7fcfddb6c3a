/// Why a plugin could not be used: the file and the reason, in one line (berth-server prints it and exits).
public struct PluginError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The plugin file, or the name that was searched for.
    public var file: String
    /// What is wrong with it.
    public var reason: String

    /// A failure of `file` for `reason`.
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "plugin \(file): \(reason)" }
}
