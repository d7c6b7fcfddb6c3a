/// Why a request's SigV4 authentication was rejected, with the error name and HTTP status AWS JSON services use.
///
/// The HTTP layer renders it as `{"__type": code, "message": message}` with `x-amzn-ErrorType: code`.
public struct SigV4Error: Error, Sendable, Equatable {
    /// The AWS error name, e.g. `"MissingAuthenticationTokenException"`.
    public var code: String
    /// The human-readable message, worded as AWS words it.
    public var message: String
    /// The HTTP status: 403 for a missing token, 400 otherwise.
    public var httpStatus: Int

    /// An error from its parts.
    public init(code: String, message: String, httpStatus: Int) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
    }

    /// Neither an `Authorization` header nor presigned query parameters: 403 `MissingAuthenticationTokenException`.
    public static let missingAuthenticationToken = SigV4Error(
        code: "MissingAuthenticationTokenException", message: "Missing Authentication Token", httpStatus: 403)

    /// The access key is not known: 400 `UnrecognizedClientException`.
    public static let unrecognizedClient = SigV4Error(
        code: "UnrecognizedClientException", message: "The security token included in the request is invalid.", httpStatus: 400)

    /// The signature does not match the one computed: 400 `InvalidSignatureException`.
    public static let signatureMismatch = invalidSignature(
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and "
            + "signing method. Consult the service documentation for details.")

    /// The authentication information is malformed or incomplete: 400 `IncompleteSignatureException`.
    public static func incompleteSignature(_ message: String) -> SigV4Error {
        SigV4Error(code: "IncompleteSignatureException", message: message, httpStatus: 400)
    }

    /// The signature is well-formed but not acceptable (scope, time, value): 400 `InvalidSignatureException`.
    public static func invalidSignature(_ message: String) -> SigV4Error {
        SigV4Error(code: "InvalidSignatureException", message: message, httpStatus: 400)
    }
}
