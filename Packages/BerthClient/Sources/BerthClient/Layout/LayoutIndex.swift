import BerthModel
import Foundation

/// A layout's `index.json`: its entries kept as JSON objects so a rewrite keeps every field it had.
struct LayoutIndex {
    /// The top-level fields other than `manifests`.
    var fields: [String: JSONValue]
    /// The `manifests` entries.
    var manifests: [[String: JSONValue]]

    /// An empty index.
    init() {
        fields = ["schemaVersion": .integer(2), "mediaType": .string(MediaType.ociIndex)]
        manifests = []
    }

    /// Parses `data` (read from `path`, named in errors).
    init(data: Data, path: String) throws(TransferError) {
        let value: JSONValue
        do {
            value = try JSONCoding.decode(JSONValue.self, from: data)
        } catch {
            throw .invalidSource("\(path) is not JSON: \(error)")
        }
        guard case .object(var members) = value else { throw .invalidSource("\(path) is not a JSON object") }
        var entries: [[String: JSONValue]] = []
        if case .array(let list) = members.removeValue(forKey: "manifests") ?? .array([]) {
            for item in list {
                guard case .object(let entry) = item else { throw .invalidSource("\(path): a manifests entry is not an object") }
                entries.append(entry)
            }
        }
        fields = members
        manifests = entries
    }

    /// The `org.opencontainers.image.ref.name` of an entry.
    static func refName(_ entry: [String: JSONValue]) -> String? {
        entry["annotations"]?.object?[OCILayout.refNameAnnotation]?.string
    }

    /// Adds an entry for `digest`, replacing the one named `refName` (or, unnamed, an unnamed one of that digest).
    mutating func add(digest: Digest, mediaType: String, size: Int64, refName: String?) {
        manifests.removeAll { entry in
            if let refName { return LayoutIndex.refName(entry) == refName }
            return LayoutIndex.refName(entry) == nil && entry["digest"]?.string == digest.description
        }
        var entry: [String: JSONValue] = [
            "mediaType": .string(mediaType), "digest": .string(digest.description), "size": .integer(size),
        ]
        if let refName { entry["annotations"] = .object([OCILayout.refNameAnnotation: .string(refName)]) }
        manifests.append(entry)
    }

    /// The JSON bytes of the index.
    func encoded() throws(TransferError) -> Data {
        var members = fields
        members["manifests"] = .array(manifests.map { .object($0) })
        do {
            return try JSONCoding.encode(JSONValue.object(members))
        } catch {
            throw .invalidSource("cannot encode index.json: \(error)")
        }
    }
}
