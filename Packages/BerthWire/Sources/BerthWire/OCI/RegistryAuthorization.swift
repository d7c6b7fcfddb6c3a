import BerthModel
import Foundation

/// The credentials of an `Authorization` request header on `/v2`.
///
/// ECR's scheme is Basic with user `AWS` and the `GetAuthorizationToken` password; Bearer carries a token
/// minted by Berth's token endpoint for clients that asked for one.
public enum RegistryAuthorization: Sendable, Hashable {
    /// `Basic <base64(user:password)>`.
    case basic(user: String, password: String)
    /// `Bearer <token>`.
    case bearer(token: String)

    /// Parses an `Authorization` header; nil when absent, of another scheme, or malformed.
    ///
    /// The scheme is case-insensitive (RFC 9110). Basic credentials must be standard base64 (padding optional,
    /// surrounding whitespace ignored) of UTF-8 `user:password`, split at the first `:` (RFC 7617: the user
    /// cannot contain one, the password can). A Bearer token must be a non-empty RFC 6750 token68.
    /// - Parameter header: The header value.
    public static func parse(_ header: String?) -> RegistryAuthorization? {
        guard let header else { return nil }
        let text = header.trimmingOWS()
        guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
        let scheme = text[..<space].lowercased()
        let credentials = String(text[space...].trimmingOWS())
        switch scheme {
        case "basic": return parseBasic(credentials)
        case "bearer": return isToken68(credentials) ? .bearer(token: credentials) : nil
        default: return nil
        }
    }

    /// The `Authorization` header value for these credentials.
    public var headerValue: String {
        switch self {
        case .basic(let user, let password): "Basic " + Base64.encode(Array("\(user):\(password)".utf8))
        case .bearer(let token): "Bearer " + token
        }
    }

    private static func parseBasic(_ credentials: String) -> RegistryAuthorization? {
        let body = credentials.utf8.prefix { $0 != UInt8(ascii: "=") }
        let paddingCount = credentials.utf8.count - body.count
        guard !body.isEmpty, body.count % 4 != 1, paddingCount <= 2 else { return nil }
        let padded = String(decoding: body, as: UTF8.self) + String(repeating: "=", count: (4 - body.count % 4) % 4)
        guard let data = Base64.decode(padded), let decoded = String(data: data, encoding: .utf8),
            let colon = decoded.firstIndex(of: ":")
        else { return nil }
        return .basic(user: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...]))
    }

    /// RFC 6750 `b64token`: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
    private static func isToken68(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let body = bytes.prefix { $0 != UInt8(ascii: "=") }
        guard !body.isEmpty, bytes[body.count...].allSatisfy({ $0 == UInt8(ascii: "=") }) else { return false }
        return body.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"): true
            default: false
            }
        }
    }
}
