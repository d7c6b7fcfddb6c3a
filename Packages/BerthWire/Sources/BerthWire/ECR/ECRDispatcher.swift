/// Runs ECR operations from their JSON bodies: decode, validate, call the handler, encode.
///
/// The HTTP layer takes the operation name from `X-Amz-Target` (`ECROperation(target:)`) or, for the query form, from
/// `Action` (after `ECRQueryForm.jsonBody(operation:query:)`), and renders a thrown `ECRError` with `jsonBody()`.
public enum ECRDispatcher {
    /// Decodes `body` for `operationName`, validates, calls `handler`, encodes the output as JSON bytes.
    /// - Parameters:
    ///   - operationName: the operation name, e.g. `CreateRepository`.
    ///   - body: the request body; empty means `{}`.
    ///   - handler: the service.
    ///   - context: the caller and request time.
    /// - Returns: the output shape as JSON (`{}` for empty outputs).
    /// - Throws: `UnknownOperationException` for an unknown name, `SerializationException` for a body that is not the
    ///   operation's JSON object, `InvalidParameterException` for a missing required member or a constraint
    ///   violation, and whatever the handler throws.
    public static func dispatch(
        operationName: String,
        body: [UInt8],
        handler: some ECROperationHandler,
        context: ECRRequestContext
    ) async throws(ECRError) -> [UInt8] {
        guard let operation = ECROperation(rawValue: operationName) else {
            throw .unknownOperation("Operation \(operationName) is not an operation of Amazon ECR")
        }
        return try await route(operation, body: body, handler: handler, context: context)
    }

    /// Decodes and validates an input shape from a JSON body (empty means `{}`).
    /// - Throws: `SerializationException` or `InvalidParameterException`, as `dispatch` does.
    public static func decodeInput<Input: ECRInputShape>(_ type: Input.Type, from body: [UInt8]) throws(ECRError) -> Input {
        let input = try ECRJSONCodec.decode(type, from: body)
        try input.validate()
        return input
    }

    /// Encodes an output shape as the JSON body of a success answer.
    /// - Throws: `ServerException` only for values JSON cannot carry (non-finite numbers).
    public static func encodeOutput(_ output: some Encodable) throws(ECRError) -> [UInt8] {
        try ECRJSONCodec.encode(output)
    }

    static func run<Input: ECRInputShape, Output: Encodable>(
        _ body: [UInt8],
        _ perform: (Input) async throws(ECRError) -> Output
    ) async throws(ECRError) -> [UInt8] {
        let input = try decodeInput(Input.self, from: body)
        let output = try await perform(input)
        return try ECRJSONCodec.encode(output)
    }
}
