import Foundation

extension ClientConfiguration {
    /// Resolves the configuration from `options`, this process's environment and the shared files on disk (see
    /// `resolve(_:environment:files:endpoint:)`).
    /// - Throws: `ClientError.configuration` naming what is missing.
    public static func resolve(_ options: ClientOptions, endpoint: ClientEndpoint? = nil) throws(ClientError) -> ClientConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let files = try SharedConfigFiles.load(environment: environment, read: SharedConfigFiles.readFile)
        return try resolve(options, environment: environment, files: files, endpoint: endpoint)
    }
}

extension SharedConfigFiles {
    /// Reads a file from disk as UTF-8: nil when it does not exist (read through a file handle, so `/dev/null`,
    /// which scripts give to mean "no file", reads as empty).
    /// - Throws: `ClientError.configuration` naming the file when it exists but cannot be read.
    public static func readFile(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { handle.closeFile() }
            return String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        } catch {
            throw ClientError.configuration("cannot read \(path): \(error.localizedDescription)")
        }
    }

    /// Finds and reads both files for this process (its environment, the disk).
    /// - Throws: `ClientError.configuration` when a file exists but cannot be read.
    public static func loadForProcess() throws(ClientError) -> SharedConfigFiles {
        try load(environment: ProcessInfo.processInfo.environment, read: readFile)
    }
}
