#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds a plugin file from `plugin:<name-or-path>`: a value containing `/` is a path; a name is looked up as
/// `libberth-<name>.so` (or `<name>.so`) in each directory of `BERTH_PLUGIN_PATH`, then beside the running binary,
/// then in `plugins/` beside it (where `make plugins` puts them).
public enum PluginLocator {
    /// The file to load for `nameOrPath`. - Throws: `PluginError` naming every place searched.
    public static func locate(_ nameOrPath: String, searchPath: String? = environment("BERTH_PLUGIN_PATH")) throws -> String {
        if nameOrPath.contains("/") {
            guard access(nameOrPath, F_OK) == 0 else { throw PluginError(file: nameOrPath, reason: "no such file") }
            return nameOrPath
        }
        guard !nameOrPath.isEmpty else { throw PluginError(file: "(empty)", reason: "no plugin name given") }
        var directories = (searchPath ?? "").split(separator: ":").map(String.init)
        if let binary = executableDirectory() { directories += [binary, binary + "/plugins"] }
        let names = ["libberth-\(nameOrPath).so", "\(nameOrPath).so"]
        for directory in directories {
            for name in names where access(directory + "/" + name, F_OK) == 0 { return directory + "/" + name }
        }
        throw PluginError(
            file: names[0],
            reason: "not found in \(directories.isEmpty ? "(no directories)" : directories.joined(separator: ", ")) (set BERTH_PLUGIN_PATH)")
    }

    /// An environment variable, or nil.
    public static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    private static func executableDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let path = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }
}
