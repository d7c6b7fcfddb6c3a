/// The raw bytes of an ECR request body, wherever they live (an HTTP buffer, an array). Operations decode from it in
/// place, so a 10 MiB UploadLayerPart body is never copied whole before its base64 part is decoded.
public protocol ECRRequestBody {
    /// Calls `body` with the request bytes.
    func withUnsafeReadableBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T
}

extension Array: ECRRequestBody where Element == UInt8 {
    /// Calls `body` with the array's bytes.
    public func withUnsafeReadableBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try withUnsafeBytes(body)
    }
}
