import Foundation

/// A directory under /tmp removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init(_ label: String = "blobstore") throws {
        path = "/tmp/berth-test-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Relative paths of every regular file below `subpath`, sorted.
    func files(under subpath: String) -> [String] {
        let base = path + "/" + subpath
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [String] = []
        for case let name as String in enumerator {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(name)
            }
        }
        return files.sorted()
    }
}
