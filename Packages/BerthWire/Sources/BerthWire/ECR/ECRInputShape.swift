/// An input shape of the ECR API: decodable from the operation's JSON body and checkable against the model's
/// constraints (length, range, pattern, enum).
public protocol ECRInputShape: Codable, Sendable, Equatable {
    /// Appends every constraint violation of this value to `violations`, naming members under `path`
    /// (`""` for an operation input; nested members read like `imageIds.1.member.imageTag`).
    func validate(at path: String, into violations: inout ECRViolations)

    /// Decodes the value from an operation's JSON body (blank means `{}`). Shapes with a large blob member decode
    /// it in place (UploadLayerPart, see `LayerPartBody`); every other shape uses the default JSON decoding.
    /// - Throws: the `ECRError` a shape throws (a missing required member), else `SerializationException`.
    static func decode(from body: UnsafeRawBufferPointer) throws(ECRError) -> Self
}

extension ECRInputShape {
    /// Decodes the value with the JSON decoder.
    public static func decode(from body: UnsafeRawBufferPointer) throws(ECRError) -> Self {
        try ECRJSONCodec.decode(Self.self, from: body)
    }
}

extension ECRInputShape {
    /// Checks the model's constraints.
    /// - Throws: `InvalidParameterException` listing every violation, AWS style
    ///   (`1 validation error detected: Value '…' at '…' failed to satisfy constraint: Member must …`).
    public func validate() throws(ECRError) {
        var violations = ECRViolations()
        validate(at: "", into: &violations)
        if let error = violations.error {
            throw error
        }
    }
}
