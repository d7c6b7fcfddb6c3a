public import BerthModel
public import Foundation

/// An OCI image layout on disk: `oci-layout`, `index.json` and `blobs/<algorithm>/<hex>`.
public struct OCILayout: Sendable {
    /// The annotation that names a manifest of the layout (its "tag").
    public static let refNameAnnotation = "org.opencontainers.image.ref.name"

    /// The layout's directory.
    public let path: String

    /// The layout at `path` (which may not exist yet).
    public init(path: String) {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// True when `path` holds an `oci-layout` file.
    public var exists: Bool {
        FileManager.default.fileExists(atPath: path + "/oci-layout")
    }

    /// Where blob `digest` lives.
    public func blobPath(_ digest: Digest) -> String {
        "\(path)/blobs/\(digest.algorithm)/\(digest.encoded)"
    }

    /// The layout's `index.json` (an empty one when there is none yet).
    /// - Throws: `TransferError.invalidSource` when it is not an image index.
    func readIndex() throws(TransferError) -> LayoutIndex {
        let indexPath = path + "/index.json"
        guard FileManager.default.fileExists(atPath: indexPath) else { return LayoutIndex() }
        return try LayoutIndex(data: try LayoutFiles.read(indexPath), path: indexPath)
    }

    /// Creates the directory, `oci-layout` and `blobs/sha256/` when missing.
    public func prepare() throws(TransferError) {
        try LayoutFiles.createDirectory(path + "/blobs/sha256")
        if !exists {
            try LayoutFiles.writeAtomically(Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8), to: path + "/oci-layout")
        }
    }

    /// Writes a small blob (a manifest) whose digest the caller checked.
    public func writeBlob(_ bytes: Data, digest: Digest) throws(TransferError) {
        try LayoutFiles.writeAtomically(bytes, to: blobPath(digest))
    }

    /// Lists `manifest` in `index.json` named `refName` (replacing the entry that had that name), or unnamed when
    /// `refName` is nil (replacing an unnamed entry of the same digest).
    public func addManifest(_ manifest: FetchedManifest, refName: String?) throws(TransferError) {
        var index = try readIndex()
        index.add(digest: manifest.digest, mediaType: manifest.mediaType, size: Int64(manifest.bytes.count), refName: refName)
        try LayoutFiles.writeAtomically(try index.encoded(), to: path + "/index.json")
    }
}
