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
    ///   violation, whatever the handler's `authorize` throws (e.g. `AccessDeniedException`), and whatever the
    ///   operation throws.
    ///   - onTarget: told what the call acts on once its input is decoded (for the request log).
    public static func dispatch(
        operationName: String,
        body: some ECRRequestBody,
        handler: some ECROperationHandler,
        context: ECRRequestContext,
        onTarget: @escaping @Sendable (ECRAccessTarget) -> Void = { _ in }
    ) async throws(ECRError) -> [UInt8] {
        guard let operation = ECROperation(rawValue: operationName) else {
            throw .unknownOperation("Operation \(operationName) is not an operation of Amazon ECR")
        }
        return try await route(operation, body: body, call: ECRCall(handler: handler, context: context, onTarget: onTarget))
    }

    /// Decodes and validates an input shape from a JSON body (empty means `{}`).
    /// - Throws: `SerializationException` or `InvalidParameterException`, as `dispatch` does.
    public static func decodeInput<Input: ECRInputShape>(_ type: Input.Type, from body: some ECRRequestBody) throws(ECRError) -> Input {
        let decoded = body.withUnsafeReadableBytes { bytes in Result { () throws(ECRError) in try Input.decode(from: bytes) } }
        let input = try decoded.get()
        try input.validate()
        return input
    }

    /// Encodes an output shape as the JSON body of a success answer.
    /// - Throws: `ServerException` only for values JSON cannot carry (non-finite numbers).
    public static func encodeOutput(_ output: some Encodable) throws(ECRError) -> [UInt8] {
        try ECRJSONCodec.encode(output)
    }

    /// The one path of every operation: decode and validate the input, let the handler authorize the call on what
    /// the input names, then run it and encode its output.
    static func run<Input: ECRInputShape & ECRAccessible, Output: Encodable>(
        _ operation: ECROperation,
        _ body: some ECRRequestBody,
        _ call: ECRCall<some ECROperationHandler>,
        _ perform: (Input) async throws(ECRError) -> Output
    ) async throws(ECRError) -> [UInt8] {
        let input = try decodeInput(Input.self, from: body)
        call.onTarget(input.accessTarget)
        try await call.handler.authorize(operation, target: input.accessTarget, context: call.context)
        let output = try await perform(input)
        return try ECRJSONCodec.encode(output)
    }
}

/// One dispatched call: the handler that serves it, the caller's context, and who wants to know the call's target.
struct ECRCall<Handler: ECROperationHandler> {
    let handler: Handler
    let context: ECRRequestContext
    let onTarget: @Sendable (ECRAccessTarget) -> Void
}
