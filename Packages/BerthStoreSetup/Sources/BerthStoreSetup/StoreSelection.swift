public import BerthBlobStore
public import BerthMetadata
import BerthPluginHost
import Foundation

/// Opens the stores `--blob-store` and `--metadata-store` name, with their JSON configurations (inline, or the path
/// of a file holding it). Any failure is one `StoreSelection.Failure` line naming what and why.
public enum StoreSelection {
    /// Why a store could not be opened; berth-server prints it and exits non-zero.
    public struct Failure: Error, CustomStringConvertible {
        /// The one line to print.
        public var description: String

        /// A failure saying `description`.
        public init(description: String) { self.description = description }
    }

    /// The blob store: `fs` (files under the data folder, or the config's `root`) or `plugin:<name-or-path>`.
    public static func blobStore(_ kind: String, config: String?, dataDir: String) throws -> any BlobStore {
        let json = try configuration(config, for: "--blob-store-config")
        if kind == "fs" {
            return try FileSystemBlobStore(root: try string(json, "root", for: "--blob-store-config") ?? dataDir)
        }
        guard let plugin = pluginName(kind) else { throw Failure(description: "--blob-store \(kind): expected fs or plugin:<name-or-path>") }
        return try withPlugin(plugin) { try PluginBlobStore(library: $0, configJSON: json.text) }
    }

    /// The metadata store: `sqlite` (a file in the data folder, or the config's `path`) or `plugin:<name-or-path>`
    /// (a metadata driver plugin under the host's one SQL implementation).
    public static func metadataStore(_ kind: String, config: String?, dataDir: String) throws -> any MetadataStore {
        let json = try configuration(config, for: "--metadata-store-config")
        if kind == "sqlite" {
            return try SQLMetadataStore(path: try string(json, "path", for: "--metadata-store-config") ?? "\(dataDir)/metadata.sqlite")
        }
        guard let plugin = pluginName(kind) else {
            throw Failure(description: "--metadata-store \(kind): expected sqlite or plugin:<name-or-path>")
        }
        return try withPlugin(plugin) { library in
            let driver = try PluginSQLDriver(library: library, configJSON: json.text)
            return try SQLMetadataStore(name: library.path, readerCount: 4, connect: driver.connect)
        }
    }

    /// The name or path after `plugin:`, or nil when `kind` names no plugin.
    private static func pluginName(_ kind: String) -> String? {
        kind.hasPrefix("plugin:") ? String(kind.dropFirst("plugin:".count)) : nil
    }

    /// Loads plugin `nameOrPath` and opens a store with it; a `PluginError` becomes the one-line `Failure`.
    private static func withPlugin<Store>(_ nameOrPath: String, _ open: (PluginLibrary) throws -> Store) throws -> Store {
        do {
            return try open(try PluginLibrary.load(nameOrPath))
        } catch let error as PluginError {
            throw Failure(description: error.description)
        }
    }

    /// A configuration's text and parsed object: inline JSON (starting with `{`) or the path of a JSON file.
    private static func configuration(_ value: String?, for flag: String) throws -> (text: String, object: [String: Any]) {
        guard let value else { return ("{}", [:]) }
        var text = value
        if !value.trimmingCharacters(in: .whitespaces).hasPrefix("{") {
            guard let data = FileManager.default.contents(atPath: value) else { throw Failure(description: "\(flag): cannot read file \(value)") }
            text = String(decoding: data, as: UTF8.self)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
            throw Failure(description: "\(flag): not a JSON object: \(text.prefix(80))")
        }
        return (text, object)
    }

    private static func string(_ json: (text: String, object: [String: Any]), _ key: String, for flag: String) throws -> String? {
        guard let value = json.object[key] else { return nil }
        guard let text = value as? String, !text.isEmpty else { throw Failure(description: "\(flag): \"\(key)\" must be a non-empty string") }
        return text
    }
}
