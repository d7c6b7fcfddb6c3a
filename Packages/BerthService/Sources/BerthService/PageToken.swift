import BerthModel
import BerthWire
import Foundation

/// The opaque `nextToken` of ECR list operations: which listing it belongs to and the last key shown, base64url.
struct PageToken: Codable, Equatable {
    /// The listing (and its filter) the token was issued for; a token from another listing is refused.
    var scope: String
    /// The last key shown (a repository name, or `digest` / `digest\ttag`).
    var key: String

    /// The token text: base64url (unpadded) of the JSON.
    func encode() -> String {
        // Two strings always encode; a failure here would be a Foundation bug, answered as a server error upstream.
        Base64.encode((try? JSONCoding.encode(self)) ?? Data(), urlSafe: true)
    }

    /// Decodes a token issued for `scope`. - Throws: InvalidParameterException for anything else.
    static func decode(_ text: String, scope: String) throws -> PageToken {
        guard let data = Base64.decode(text, urlSafe: true), let token = try? JSONCoding.decode(PageToken.self, from: data), token.scope == scope
        else {
            throw ECRError.invalidParameter("Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid NextToken'")
        }
        return token
    }
}
