extension ECRClient {
    /// The `X-Amz-Target` prefix of Berth's own admin operations (same endpoint, same SigV4 signing as ECR).
    public static let adminTargetPrefix = "BerthAdmin_20261205"

    private struct PreviewRequest: Encodable {
        var gracePeriodSeconds: Int
    }

    /// Asks the server what garbage collection would remove, removing nothing.
    /// - Parameter gracePeriodSeconds: only blobs and uploads older than this count.
    /// - Returns: the server's preview.
    /// - Throws: `ClientError` (`UnknownOperationException` from a server without the admin API).
    public func previewGarbageCollection(gracePeriodSeconds: Int) async throws(ClientError) -> GarbageCollectionPreview {
        try await call(
            target: "\(Self.adminTargetPrefix).PreviewGarbageCollection", PreviewRequest(gracePeriodSeconds: gracePeriodSeconds),
            as: GarbageCollectionPreview.self)
    }
}
