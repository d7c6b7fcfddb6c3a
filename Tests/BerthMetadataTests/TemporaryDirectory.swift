import Foundation

/// A directory under /tmp removed when the value goes away.
final class TemporaryDirectory: Sendable {
    let path: String

    init(_ label: String = "metadata") throws {
        path = "/tmp/berth-test-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
