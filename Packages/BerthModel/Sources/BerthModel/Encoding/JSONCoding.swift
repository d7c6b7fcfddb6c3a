public import Foundation

/// The one Codable JSON codec of Berth (ECR shapes, stored documents, page tokens, record columns): Foundation's
/// coder configured once, with sorted keys (equal values give equal text), unescaped slashes and `Data` as
/// base64 through `Base64`.
public enum JSONCoding {
    /// The JSON bytes of `value`. - Throws: the encoder's error (a non-finite number).
    public static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dataEncodingStrategy = .custom { data, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Base64.encode(data))
        }
        return try encoder.encode(value)
    }

    /// The value `data` holds. - Throws: the decoder's `DecodingError` (or a shape's own error).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dataDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let data = Base64.decode(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not base64")
            }
            return data
        }
        return try decoder.decode(type, from: data)
    }
}
