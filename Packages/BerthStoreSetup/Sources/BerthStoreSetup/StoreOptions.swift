public import ArgumentParser
public import BerthBlobStore
public import BerthMetadata
import Foundation

/// The flags that choose and configure the stores; each also reads its `BERTH_*` environment variable, and the flag
/// wins. berth-server and berth-worker take the same ones, so a worker points at exactly what the servers use.
public struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Folder holding the SQLite metadata and the blobs (env BERTH_DATA_DIR).")
    public var dataDir: String = Environment.string("BERTH_DATA_DIR") ?? "./data"

    @Option(
        name: .customLong("blob-store"),
        help: "Where blob bytes live: fs (files in the data folder) or plugin:<name-or-path> (env BERTH_BLOB_STORE).")
    public var blobStore: String = Environment.string("BERTH_BLOB_STORE") ?? "fs"

    @Option(
        name: .customLong("blob-store-config"),
        help: "The blob store's JSON configuration, inline or a file path (env BERTH_BLOB_STORE_CONFIG); fs takes {\"root\": dir}.")
    var blobStoreConfigFlag: String?

    /// `--blob-store-config`, else `BERTH_BLOB_STORE_CONFIG`.
    public var blobStoreConfig: String? { blobStoreConfigFlag ?? Environment.string("BERTH_BLOB_STORE_CONFIG") }

    @Option(
        name: .customLong("metadata-store"),
        help: "Where metadata lives: sqlite (a file in the data folder) or plugin:<name-or-path> (env BERTH_METADATA_STORE).")
    public var metadataStore: String = Environment.string("BERTH_METADATA_STORE") ?? "sqlite"

    @Option(
        name: .customLong("metadata-store-config"),
        help: "The metadata store's JSON configuration, inline or a file path (env BERTH_METADATA_STORE_CONFIG); sqlite takes {\"path\": file}.")
    var metadataStoreConfigFlag: String?

    /// `--metadata-store-config`, else `BERTH_METADATA_STORE_CONFIG`.
    public var metadataStoreConfig: String? { metadataStoreConfigFlag ?? Environment.string("BERTH_METADATA_STORE_CONFIG") }

    public init() {}

    /// Opens both stores (creating the data folder).
    /// - Throws: `StoreSelection.Failure` naming what could not be opened and why.
    public func open() throws -> (blobs: any BlobStore, metadata: any MetadataStore) {
        do {
            try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        } catch {
            throw StoreSelection.Failure(description: "--data-dir \(dataDir): \(error.localizedDescription)")
        }
        let blobs = try StoreSelection.blobStore(blobStore, config: blobStoreConfig, dataDir: dataDir)
        let metadata = try StoreSelection.metadataStore(metadataStore, config: metadataStoreConfig, dataDir: dataDir)
        return (blobs, metadata)
    }
}
