/// A coding key for any member name: used to check that a member-less shape arrived as a JSON object.
struct ECRAnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// Renders a decoder's coding path as an AWS member path: `imageIds.1.member.imageTag` (list indexes are 1-based).
enum ECRCodingPath {
    static func render(_ path: [any CodingKey]) -> String {
        var result = ""
        for key in path {
            if let index = key.intValue, !(key is ECRAnyCodingKey) {
                result = ECRViolations.element(result, index)
            } else {
                result = ECRViolations.member(result, key.stringValue)
            }
        }
        return result
    }
}

extension KeyedDecodingContainer {
    /// Decodes a required member.
    /// - Throws: `InvalidParameterException` ("Value null at '<path>' … Member must not be null") when the member is
    ///   absent or `null`; a `DecodingError` when its JSON type is wrong.
    func decodeRequired<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        if let value = try decodeIfPresent(type, forKey: key) {
            return value
        }
        throw ECRError.missingRequired(ECRCodingPath.render(codingPath + [key]))
    }
}
