import Foundation

/// Compiles C plugins for tests with the system `cc`, the way `make plugins` does.
enum PluginBuilder {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let includeDirectory = repository.appendingPathComponent("Packages/BerthPluginABI/Sources/BerthPluginABI/include").path
    static let sampleSource = repository.appendingPathComponent("Tools/PluginTemplate/dirblob.c").path
    static let driverSource = repository.appendingPathComponent("Tools/PluginTemplate/sqlitedriver.c").path

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "berth-plugin-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Builds `source` (a file path) into `output`. - Throws: when `cc` fails.
    static func build(source: String, output: String, libraries: [String] = []) throws {
        try build(sources: [source], output: output, libraries: libraries)
    }

    /// Builds the C files `sources` into one library `output`, linked with `libraries`. - Throws: when `cc` fails.
    static func build(sources: [String], output: String, libraries: [String] = []) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["cc", "-shared", "-fPIC", "-fvisibility=hidden", "-O1", "-Wall", "-Werror", "-I", includeDirectory] + sources + ["-o", output]
            + libraries
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSFilePathErrorKey: sources.joined(separator: " ")])
        }
    }

    /// Builds C `code` into `<directory>/<name>.so` and returns its path.
    static func build(code: String, named name: String, in directory: String) throws -> String {
        let source = directory + "/" + name + ".c"
        try code.write(toFile: source, atomically: true, encoding: .utf8)
        let output = directory + "/" + name + ".so"
        try build(source: source, output: output)
        return output
    }
}
