/// An ECR error answer: the `__type` code, the message, and any modeled extra fields.
///
/// It renders itself as AWS JSON 1.1 does (`jsonBody()`); the HTTP layer sends it with status `httpStatus` and the
/// header `x-amzn-ErrorType: <code>`.
public struct ECRError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error code; its raw value is the `__type` of the body.
    public var code: ECRErrorCode
    /// The human-readable message (`message` in the body).
    public var message: String
    /// Extra body fields some exceptions carry, e.g. `lastValidByteReceived`, `uploadId` or `kmsError`.
    public var extraFields: [String: ECRErrorValue]
    /// The HTTP status of the answer: `code.httpStatus` unless set otherwise (e.g. by the authentication layer).
    public var httpStatus: Int
    /// What really went wrong behind a `ServerException`, for the server's log; never sent to the client.
    public var cause: String?

    /// Creates an error.
    /// - Parameters:
    ///   - code: the error code.
    ///   - message: the message.
    ///   - extraFields: extra body fields (keys `__type` and `message` are ignored when rendering).
    public init(_ code: ECRErrorCode, _ message: String, extraFields: [String: ECRErrorValue] = [:]) {
        self.code = code
        self.message = message
        self.extraFields = extraFields
        self.httpStatus = code.httpStatus
    }

    /// `<Code>: <message>`.
    public var description: String { "\(code.rawValue): \(message)" }

    /// The JSON body: `{"__type":"<Code>","message":"...", <extra fields sorted by name>}`.
    public func jsonBody() -> [UInt8] {
        var fields: [(String, ECRJSONValue)] = [("__type", .string(code.rawValue)), ("message", .string(message))]
        for key in extraFields.keys.sorted() where key != "__type" && key != "message" {
            if let value = extraFields[key] {
                fields.append((key, value.json))
            }
        }
        return ECRJSONValue.object(fields).rendered()
    }
}
