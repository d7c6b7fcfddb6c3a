import Foundation

extension DockerConfigFile {
    /// Reads the file at `path`; a missing file is an empty config.
    /// - Throws: `ClientError.configuration` when it cannot be read or is not a JSON object.
    public static func load(path: String) throws(ClientError) -> DockerConfigFile {
        guard FileManager.default.fileExists(atPath: path) else { return DockerConfigFile() }
        do {
            return try DockerConfigFile(data: try Data(contentsOf: URL(fileURLWithPath: path)), path: path)
        } catch let error as ClientError {
            throw error
        } catch {
            throw .configuration("cannot read \(path): \(error.localizedDescription)")
        }
    }

    /// Writes the file to `path` readable by its owner only (0600), creating its folder (0700), replacing the old
    /// file atomically (a temporary file renamed over it).
    /// - Throws: `ClientError.configuration` naming the path when it cannot be written.
    public func save(path: String) throws(ClientError) {
        let url = URL(fileURLWithPath: path)
        let data = try encoded()
        do {
            let folder = url.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
            guard FileManager.default.createFile(atPath: temporary.path, contents: data + Data("\n".utf8), attributes: [.posixPermissions: 0o600])
            else { throw CocoaError(.fileWriteUnknown) }
            if rename(temporary.path, url.path) != 0 {
                let failure = String(cString: strerror(errno))
                unlink(temporary.path)  // the rename's error is the one to report
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: failure])
            }
        } catch {
            throw .configuration("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
