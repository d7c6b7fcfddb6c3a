import Foundation

/// The file operations layouts and pulls need, each failure a `TransferError.fileFailure` naming the path.
enum LayoutFiles {
    /// The size of the regular file at `path`, or nil when there is none.
    static func size(of path: String) -> Int64? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            return (attributes[.size] as? NSNumber)?.int64Value
        } catch {
            return nil  // Vanished between the two calls: there is no file.
        }
    }

    /// The whole file at `path` (small files only: manifests, configs, index.json).
    static func read(_ path: String) throws(TransferError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw .fileFailure(path: path, reason: "cannot read") }
        return data
    }

    /// Writes `data` to `path` through a temporary file and a rename, so a reader never sees half of it.
    static func writeAtomically(_ data: Data, to path: String) throws(TransferError) {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .fileFailure(path: path, reason: "\(error)")
        }
    }

    /// Creates the directory `path` and its parents when missing.
    static func createDirectory(_ path: String) throws(TransferError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .fileFailure(path: path, reason: "\(error)")
        }
    }

    /// Removes `path` if it exists.
    static func remove(_ path: String) throws(TransferError) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw .fileFailure(path: path, reason: "\(error)")
        }
    }

    /// Renames `source` to `destination`, replacing it.
    static func rename(_ source: String, to destination: String) throws(TransferError) {
        guard Foundation.rename(source, destination) == 0 else {
            throw .fileFailure(path: destination, reason: String(cString: strerror(errno)))
        }
    }
}
