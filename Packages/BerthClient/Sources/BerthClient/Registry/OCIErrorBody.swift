import BerthModel
import Foundation

/// The JSON error body of /v2/ (`{"errors":[{"code","message"}]}`), read to name a failure.
struct OCIErrorBody: Decodable {
    struct Entry: Decodable {
        var code: String
        var message: String?
    }

    var errors: [Entry]

    /// The error codes and a readable message of `body`; empty codes and the raw text when it is not that JSON.
    static func summary(of body: Data) -> (codes: [String], message: String) {
        guard !body.isEmpty else { return ([], "no details") }
        do {
            let decoded = try JSONCoding.decode(OCIErrorBody.self, from: body)
            let message = decoded.errors.map { "\($0.code): \($0.message ?? "")" }.joined(separator: "; ")
            return (decoded.errors.map(\.code), message)
        } catch {
            return ([], String(decoding: body.prefix(300), as: UTF8.self))
        }
    }
}
