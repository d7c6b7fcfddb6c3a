import BerthMetadata
import BerthModel
import Foundation

/// The kinds of documents the core keeps in the metadata store (see `MetadataStore`'s registry and repository
/// documents): each is a Codable value encoded as JSON text.
enum DocumentKind {
    static let lifecyclePolicy = "lifecycle-policy"
    static let lifecyclePreview = "lifecycle-preview"
    static let registryPolicy = "registry-policy"
    static let replicationConfiguration = "replication-configuration"
    static let registryScanningConfiguration = "registry-scanning-configuration"
    static let accountSetting = "account-setting"
    static let creationTemplate = "creation-template"
    static let pullThroughCacheRule = "pull-through-cache-rule"
    static let pullTimeUpdateExclusion = "pull-time-update-exclusion"
}

extension Registry {
    /// Encodes a document value as JSON text (sorted keys, so equal values store equal text).
    func encodeDocument(_ value: some Encodable) throws -> String {
        do {
            return String(decoding: try JSONCoding.encode(value), as: UTF8.self)
        } catch {
            throw RegistryError.backend("document could not be encoded: \(error)")
        }
    }

    /// Decodes a stored document; a document that no longer decodes is a storage failure.
    func decodeDocument<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        do {
            return try JSONCoding.decode(type, from: Data(text.utf8))
        } catch {
            throw RegistryError.backend("stored \(type) document does not decode: \(error)")
        }
    }

    /// The registry document `kind`/`key`, decoded, or nil.
    func registryDocument<T: Decodable>(_ kind: String, key: String = "", as type: T.Type) throws -> T? {
        guard let text = try store({ try metadata.registryDocument(kind: kind, key: key) }) else { return nil }
        return try decodeDocument(type, from: text)
    }

    /// Stores or replaces the registry document `kind`/`key`.
    func putRegistryDocument(_ kind: String, key: String = "", _ value: some Encodable) throws {
        let text = try encodeDocument(value)
        try store { try metadata.putRegistryDocument(kind: kind, key: key, value: text) }
    }

    /// Stores the registry document `kind`/`key` unless one exists; false when one does.
    func insertRegistryDocument(_ kind: String, key: String, _ value: some Encodable) throws -> Bool {
        let text = try encodeDocument(value)
        return try store { try metadata.insertRegistryDocument(kind: kind, key: key, value: text) }
    }

    /// Removes the registry document `kind`/`key`; returns it decoded, or nil when there was none.
    func deleteRegistryDocument<T: Decodable>(_ kind: String, key: String = "", as type: T.Type) throws -> T? {
        guard let text = try store({ try metadata.deleteRegistryDocument(kind: kind, key: key) }) else { return nil }
        return try decodeDocument(type, from: text)
    }

    /// Every registry document of `kind`, by key, decoded.
    func allRegistryDocuments<T: Decodable>(_ kind: String, as type: T.Type) throws -> [(key: String, value: T)] {
        var all: [(key: String, value: T)] = []
        var after: String?
        while true {
            let page = try store { try metadata.listRegistryDocuments(kind: kind, after: after, limit: 500) }
            for document in page { all.append((document.key, try decodeDocument(type, from: document.value))) }
            guard page.count == 500, let last = page.last else { return all }
            after = last.key
        }
    }

    /// The document `kind` of `repository`, decoded, or nil.
    func repositoryDocument<T: Decodable>(_ kind: String, of repository: String, as type: T.Type) throws -> T? {
        guard let text = try store({ try metadata.repositoryDocument(repository: repository, kind: kind) }) else { return nil }
        return try decodeDocument(type, from: text)
    }

    /// Stores or replaces the document `kind` of `repository`.
    func putRepositoryDocument(_ kind: String, of repository: String, _ value: some Encodable) throws {
        let text = try encodeDocument(value)
        try store { try metadata.putRepositoryDocument(repository: repository, kind: kind, value: text) }
    }

    /// Removes the document `kind` of `repository`; returns it decoded, or nil.
    func deleteRepositoryDocument<T: Decodable>(_ kind: String, of repository: String, as type: T.Type) throws -> T? {
        guard let text = try store({ try metadata.deleteRepositoryDocument(repository: repository, kind: kind) }) else { return nil }
        return try decodeDocument(type, from: text)
    }
}
