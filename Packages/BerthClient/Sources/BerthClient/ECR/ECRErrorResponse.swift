import BerthModel
import Foundation

/// The AWS JSON 1.1 error body, `{"__type": "<Code>", "message": "..."}`, and its reading as a `ClientError`.
struct ECRErrorResponse: Decodable {
    var type: String?
    var message: String?
    var capitalMessage: String?

    enum CodingKeys: String, CodingKey {
        case type = "__type"
        case message
        case capitalMessage = "Message"
    }

    /// The `ClientError` an error answer means: refused credentials for the authentication codes, else the
    /// service error with its code (`__type` or `x-amzn-ErrorType`, any `namespace#` prefix or `:` suffix removed).
    static func error(from response: HTTPResponse) -> ClientError {
        let decoded: ECRErrorResponse? =
            if response.body.isEmpty { nil } else {
                // A body that is not the envelope (a proxy's HTML page) is reported by status below, not thrown.
                Result { try JSONCoding.decode(ECRErrorResponse.self, from: response.body) }.success
            }
        let rawCode = decoded?.type ?? response.header("x-amzn-ErrorType") ?? "HTTP \(response.status)"
        let code = normalise(rawCode)
        let message = decoded?.message ?? decoded?.capitalMessage ?? snippet(response.body)
        if ClientError.authenticationCodes.contains(code) { return .authenticationRefused(code: code, message: message) }
        return .service(code: code, message: message, status: response.status)
    }

    static func normalise(_ code: String) -> String {
        var code = Substring(code)
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        return String(code)
    }

    static func snippet(_ body: Data) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " ")
        return text.isEmpty ? "(no message)" : text
    }
}

extension Result {
    /// The value of a success, nil for a failure.
    var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}
