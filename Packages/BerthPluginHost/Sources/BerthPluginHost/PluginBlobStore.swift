public import BerthBlobStore
public import BerthModel
import BerthPluginABI

/// A `BlobStore` served by a plugin's `berth_blob_store_v1` table. Calls block; the host runs them off the
/// concurrency pool like every blocking storage call.
public final class PluginBlobStore: BlobStore, BlobURLSigner, @unchecked Sendable {
    let table: berth_blob_store_v1
    let store: UnsafeMutableRawPointer
    let call: PluginCall

    /// Opens the plugin's store with `configJSON` (the text of `--blob-store-config`).
    /// - Throws: `PluginError` when the plugin is not a usable blob store or refuses the configuration.
    public init(library: PluginLibrary, configJSON: String) throws {
        table = try library.blobStoreTable().pointee
        call = PluginCall(plugin: library.name)
        var handle: UnsafeMutableRawPointer?
        let open = table.open!
        do {
            try call.run("open") { open(configJSON, &handle, $0, $1) }
        } catch BlobStoreError.backend(let message) {
            throw PluginError(file: library.path, reason: "cannot open the store: \(message)")
        }
        guard let handle else { throw PluginError(file: library.path, reason: "open returned no store") }
        store = handle
    }

    deinit {
        table.close(store)
    }

    public func stat(_ digest: Digest) throws -> BlobInfo? {
        var size: Int64 = 0
        do {
            try call.run("stat", notFound: .blobNotFound(digest)) { table.stat(store, digest.description, &size, $0, $1) }
        } catch BlobStoreError.blobNotFound {
            return nil
        }
        return BlobInfo(digest: digest, size: size)
    }

    public func openReader(_ digest: Digest, range: Range<Int64>?) throws -> any BlobReader {
        if let range, range.isEmpty || range.lowerBound < 0 { throw BlobStoreError.invalidRange }
        var handle: UnsafeMutableRawPointer?
        var length: Int64 = 0
        try call.run("open_reader", notFound: .blobNotFound(digest), invalid: .invalidRange) {
            table.open_reader(store, digest.description, range?.lowerBound ?? 0, range?.upperBound ?? -1, &handle, &length, $0, $1)
        }
        guard let handle else { throw BlobStoreError.backend("\(call.plugin) open_reader returned no reader") }
        return PluginBlobReader(table: table, handle: handle, length: length, call: call)
    }

    public func createUpload(id: String) throws {
        try call.run("create_upload") { table.create_upload(store, id, $0, $1) }
    }

    public func openUpload(id: String, at offset: Int64) throws -> any BlobUploadWriter {
        var handle: UnsafeMutableRawPointer?
        try call.run("open_upload", notFound: .uploadNotFound(id)) { table.open_upload(store, id, offset, &handle, $0, $1) }
        guard let handle else { throw BlobStoreError.backend("\(call.plugin) open_upload returned no writer") }
        return PluginUploadWriter(table: table, handle: handle, offset: offset, call: call)
    }

    @discardableResult public func commitUpload(id: String, size: Int64, as digest: Digest) throws -> BlobInfo {
        try call.run("commit_upload", notFound: .uploadNotFound(id)) { table.commit_upload(store, id, size, digest.description, $0, $1) }
        return BlobInfo(digest: digest, size: size)
    }

    public func cancelUpload(id: String) throws {
        try call.run("cancel_upload") { table.cancel_upload(store, id, $0, $1) }
    }

    public func delete(_ digest: Digest) throws {
        try call.run("delete_blob") { table.delete_blob(store, digest.description, $0, $1) }
    }

    /// The plugin's `download_url` (an S3 presigned GET); nil when the table has none or the plugin answers
    /// `BERTH_INVALID` (configured not to hand URLs out).
    public func downloadURL(_ digest: Digest, expiresIn seconds: Int64) throws -> String? {
        guard let downloadURL = table.download_url else { return nil }
        var buffer = [CChar](repeating: 0, count: 8192)
        do {
            try call.run("download_url", invalid: .invalidRange) { error, errorLength in
                buffer.withUnsafeMutableBufferPointer {
                    downloadURL(store, digest.description, seconds, $0.baseAddress!, $0.count - 1, error, errorLength)
                }
            }
        } catch BlobStoreError.invalidRange {
            return nil
        }
        buffer[buffer.count - 1] = 0
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    public func listBlobs(after: Digest?, limit: Int) throws -> [BlobInfo] {
        guard limit > 0 else { return [] }
        final class Found {
            var infos: [BlobInfo] = []
            var malformed: String?
        }
        let found = Found()
        let visit: berth_blob_visitor = { context, digest, size in
            let found = Unmanaged<Found>.fromOpaque(context!).takeUnretainedValue()
            let text = String(cString: digest!)
            guard let parsed = Digest(parsing: text) else {
                found.malformed = text
                return 1
            }
            found.infos.append(BlobInfo(digest: parsed, size: size))
            return 0
        }
        try withExtendedLifetime(found) {
            let context = Unmanaged.passUnretained(found).toOpaque()
            try call.run("list_blobs") { table.list_blobs(store, after?.description, Int32(clamping: limit), visit, context, $0, $1) }
        }
        if let malformed = found.malformed { throw BlobStoreError.backend("\(call.plugin) list_blobs: not a digest: \(malformed)") }
        return found.infos
    }
}
