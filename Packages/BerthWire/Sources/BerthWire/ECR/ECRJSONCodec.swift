import BerthModel
import Foundation

/// JSON decoding of inputs and encoding of outputs, with failures mapped to ECR error codes.
enum ECRJSONCodec {
    /// Decodes `body` (empty means `{}`) as `T`.
    /// - Throws: the `ECRError` a shape throws (a missing required member), else `SerializationException`.
    static func decode<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws(ECRError) -> T {
        try body.withUnsafeBytes { bytes in Result { () throws(ECRError) in try decode(type, from: bytes) } }.get()
    }

    /// Decodes `body` (empty means `{}`) as `T`, copying the bytes once into the decoder's input.
    static func decode<T: Decodable>(_ type: T.Type, from body: UnsafeRawBufferPointer) throws(ECRError) -> T {
        let isBlank = body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        let data = isBlank ? Data("{}".utf8) : Data(body)
        do {
            return try JSONCoding.decode(T.self, from: data)
        } catch let error as ECRError {
            throw error
        } catch let error as DecodingError {
            throw .serialization(message(for: error))
        } catch {
            throw .serialization("The request body could not be read: \(error)")
        }
    }

    /// Encodes `value` as compact JSON with sorted keys (`nil` members left out, timestamps as epoch-second numbers,
    /// blobs as base64).
    /// - Throws: `ServerException` if the value cannot be encoded (a non-finite number).
    static func encode<T: Encodable>(_ value: T) throws(ECRError) -> [UInt8] {
        do {
            return Array(try JSONCoding.encode(value))
        } catch {
            throw .server("The response could not be encoded: \(error)")
        }
    }

    /// A `SerializationException` message naming the offending member.
    static func message(for error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context):
            let path = ECRCodingPath.render(context.codingPath)
            if path.isEmpty {
                return "The request body must be a JSON object"
            }
            return "Value at '\(path)' can not be converted to \(jsonTypeName(type))"
        case .valueNotFound(let type, let context):
            return "Value null at '\(ECRCodingPath.render(context.codingPath))' can not be converted to \(jsonTypeName(type))"
        case .keyNotFound(let key, let context):
            return "Member '\(ECRCodingPath.render(context.codingPath + [key]))' is missing"
        case .dataCorrupted(let context):
            let path = ECRCodingPath.render(context.codingPath)
            if path.isEmpty {
                return "The request body is not valid JSON"
            }
            return "Value at '\(path)' is malformed: \(context.debugDescription)"
        @unknown default:
            return "The request body could not be read"
        }
    }

    /// How AWS names the JSON type a member expects.
    static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a String"
        case is Int.Type: "an Integer"
        case is Int64.Type: "a Long"
        case is Bool.Type: "a Boolean"
        case is Double.Type: "a Double"
        case is Data.Type: "a Blob (base64 string)"
        default: "\(type)".hasPrefix("Array") ? "a List" : "a Structure"
        }
    }
}
