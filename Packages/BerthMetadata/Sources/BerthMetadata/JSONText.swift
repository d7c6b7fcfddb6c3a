import BerthModel
import Foundation

/// The JSON text columns (exclusion filters, resource tags).
enum JSONText {
    /// The JSON text of `value`.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        do {
            return String(decoding: try JSONCoding.encode(value), as: UTF8.self)
        } catch {
            throw MetadataError.backend("cannot encode \(T.self) as JSON: \(error)")
        }
    }

    /// The value JSON `text` holds.
    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        do {
            return try JSONCoding.decode(type, from: Data(text.utf8))
        } catch {
            throw MetadataError.backend("stored JSON is not a \(T.self): \(error)")
        }
    }
}
