import BerthModel
import Foundation

/// Parses manifest bytes per media type into a `ManifestDocument`, refusing what is not a manifest Berth can store.
public enum ManifestParser {
    /// Parses `bytes`. `declaredMediaType` is the type the client declared (Content-Type or
    /// `imageManifestMediaType`); when both it and the document's `mediaType` are present they must agree.
    /// - Throws: `ManifestError` saying what is wrong.
    public static func parse(_ bytes: [UInt8], declaredMediaType: String?) throws(ManifestError) -> ManifestDocument {
        do {
            return try parseDocument(bytes, declaredMediaType: declaredMediaType)
        } catch let error as ManifestError {
            throw error
        } catch {
            throw ManifestError("\(error)")
        }
    }

    private static func parseDocument(_ bytes: [UInt8], declaredMediaType: String?) throws -> ManifestDocument {
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as? [String: Any] else {
                throw ManifestError("manifest is not a JSON object")
            }
            object = parsed
        } catch let error as ManifestError {
            throw error
        } catch {
            throw ManifestError("Invalid JSON syntax")
        }
        let declared = declaredMediaType.map(normalize).flatMap { $0.isEmpty ? nil : $0 }
        let documentType = object["mediaType"] as? String
        if object["mediaType"] != nil, documentType == nil { throw ManifestError("mediaType must be a string") }
        if let declared, let documentType, declared != documentType {
            throw ManifestError("the declared media type \(declared) does not match the manifest's mediaType \(documentType)")
        }
        guard let schemaVersion = object["schemaVersion"] as? Int else { throw ManifestError("schemaVersion is missing") }
        if schemaVersion == 1 { throw ManifestError("Docker image manifest schema 1 is not supported") }
        guard schemaVersion == 2 else { throw ManifestError("unsupported schemaVersion \(schemaVersion)") }
        let mediaType = try effectiveMediaType(documentType ?? declared, object: object)

        var document = ManifestDocument(
            mediaType: mediaType, config: nil, layers: [], manifests: [], subject: nil,
            artifactType: object["artifactType"] as? String, annotations: stringMap(object["annotations"]))
        document.hasMediaTypeField = documentType != nil
        if let subject = object["subject"] { document.subject = try descriptor(subject, field: "subject") }
        if MediaType.indexTypes.contains(mediaType) {
            guard let manifests = object["manifests"] as? [Any] else { throw ManifestError("manifests is missing") }
            document.manifests = try manifests.map { try descriptor($0, field: "manifests") }
        } else {
            guard let config = object["config"] else { throw ManifestError("config is missing") }
            document.config = try descriptor(config, field: "config")
            guard let layers = object["layers"] as? [Any] else { throw ManifestError("layers is missing") }
            document.layers = try layers.map { try descriptor($0, field: "layers") }
        }
        return document
    }

    /// Strips parameters (`; charset=...`) and whitespace from a media type.
    static func normalize(_ mediaType: String) -> String {
        let base = mediaType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        return base.trimmingCharacters(in: .whitespaces)
    }

    private static func effectiveMediaType(_ stated: String?, object: [String: Any]) throws -> String {
        if let stated {
            guard MediaType.manifestTypes.contains(stated) else { throw ManifestError("unsupported manifest media type \(stated)") }
            return stated
        }
        // OCI allows omitting mediaType: infer from the shape.
        if object["manifests"] != nil { return MediaType.ociIndex }
        if object["config"] != nil || object["layers"] != nil { return MediaType.ociManifest }
        throw ManifestError("cannot determine the manifest media type")
    }

    private static func descriptor(_ value: Any, field: String) throws -> ManifestDescriptor {
        guard let object = value as? [String: Any] else { throw ManifestError("\(field) entries must be objects") }
        guard let digest = object["digest"] as? String, Digest(parsing: digest) != nil else {
            throw ManifestError("\(field) has a missing or invalid digest")
        }
        guard let sizeNumber = object["size"] as? NSNumber, let size = Int64(exactly: sizeNumber.doubleValue), size >= 0 else {
            throw ManifestError("\(field) has a missing or invalid size")
        }
        let mediaType = object["mediaType"] as? String
        let hasURLs = (object["urls"] as? [Any])?.isEmpty == false
        let foreign = hasURLs || (mediaType.map { $0.contains("foreign") || $0.contains("nondistributable") } ?? false)
        return ManifestDescriptor(
            mediaType: mediaType, digest: digest, size: size, artifactType: object["artifactType"] as? String,
            annotations: stringMap(object["annotations"]), isForeign: foreign)
    }

    private static func stringMap(_ value: Any?) -> [String: String] {
        guard let object = value as? [String: Any] else { return [:] }
        return object.compactMapValues { $0 as? String }
    }
}
