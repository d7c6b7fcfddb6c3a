import Foundation

/// Turns what `berth push` was given (an OCI layout directory or a docker archive file) into a `PushPlan`.
public enum ImageSourceLoader {
    /// The plan for `path`, choosing the manifest named `tag` when the source holds several; `path:name` (as
    /// skopeo writes `oci:path:name`) names the manifest explicitly.
    /// - Throws: `TransferError.invalidSource` when `path` is neither, or unusable.
    public static func plan(path: String, tag: String?) throws(TransferError) -> PushPlan {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if let colon = path.lastIndex(of: ":"), !path[path.index(after: colon)...].contains("/") {
                return try plan(path: String(path[..<colon]), tag: String(path[path.index(after: colon)...]))
            }
            throw .invalidSource("\(path) does not exist")
        }
        if isDirectory.boolValue { return try OCILayout(path: path).pushPlan(refName: tag) }
        return try DockerArchive(path: path).pushPlan(tag: tag)
    }
}
