import BerthWire
import Foundation

/// The opaque `nextToken` of ECR list operations: which listing it belongs to and the last key shown, base64url.
struct PageToken: Codable, Equatable {
    /// The listing (and its filter) the token was issued for; a token from another listing is refused.
    var scope: String
    /// The last key shown (a repository name, or `digest` / `digest\ttag`).
    var key: String

    func encode() -> String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a token issued for `scope`. - Throws: InvalidParameterException for anything else.
    static func decode(_ text: String, scope: String) throws -> PageToken {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let token = try? JSONDecoder().decode(PageToken.self, from: data), token.scope == scope
        else {
            throw ECRError.invalidParameter("Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid NextToken'")
        }
        return token
    }
}
