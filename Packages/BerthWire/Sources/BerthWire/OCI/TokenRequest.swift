import BerthModel
import Foundation

/// The query of a Docker token request (`GET /v2/token?service=…&scope=…&scope=…`).
public struct TokenRequest: Sendable, Hashable {
    /// The `service` parameter, if given.
    public var service: String?
    /// The `account` parameter, if given.
    public var account: String?
    /// Every scope, from repeated `scope` parameters and space-separated lists inside one, in order.
    public var scopes: [RegistryScope]

    /// Creates a request.
    /// - Parameters:
    ///   - service: The service.
    ///   - account: The account.
    ///   - scopes: The scopes.
    public init(service: String? = nil, account: String? = nil, scopes: [RegistryScope] = []) {
        self.service = service
        self.account = account
        self.scopes = scopes
    }

    /// Parses a raw query string (without the `?`), form-decoding names and values (`%XX`, `+` as space).
    ///
    /// Unknown parameters are ignored; when a parameter repeats, `service` and `account` keep the first value.
    /// nil when a value is not valid percent-encoding or a scope is malformed (answer 400).
    /// - Parameter query: The query string, e.g. `service=ecr.amazonaws.com&scope=repository%3Aapp%3Apull`.
    public init?(query: String) {
        self.init()
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = TokenRequest.formDecoded(parts[0]) else { return nil }
            guard let value = TokenRequest.formDecoded(parts.count > 1 ? parts[1] : "") else { return nil }
            switch key {
            case "service":
                if service == nil { service = value }
            case "account":
                if account == nil { account = value }
            case "scope":
                for item in value.split(separator: " ") {
                    guard let scope = RegistryScope(parsing: String(item)) else { return nil }
                    scopes.append(scope)
                }
            default:
                continue
            }
        }
    }

    private static func formDecoded(_ text: Substring) -> String? {
        PercentEncoding.decodeValidUTF8(text, plusAsSpace: true)
    }
}
