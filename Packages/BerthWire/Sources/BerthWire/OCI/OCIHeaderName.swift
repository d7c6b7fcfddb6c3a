/// Names (and fixed values) of the headers the OCI Distribution API uses beyond plain HTTP.
public enum OCIHeaderName {
    /// `Docker-Distribution-API-Version`, sent on every `/v2` answer with `apiVersionValue`.
    public static let apiVersion = "Docker-Distribution-API-Version"
    /// The value of `apiVersion`: `registry/2.0`.
    public static let apiVersionValue = "registry/2.0"
    /// `Docker-Content-Digest`: the digest of a blob or manifest served or stored.
    public static let contentDigest = "Docker-Content-Digest"
    /// `Docker-Upload-UUID`: the upload session id (legacy, harmless).
    public static let uploadUUID = "Docker-Upload-UUID"
    /// `OCI-Chunk-Min-Length`: the minimum chunk size, on the 202 answer to POST.
    public static let chunkMinLength = "OCI-Chunk-Min-Length"
    /// `OCI-Subject`: the subject digest, on the 201 answer to a manifest PUT with a `subject`.
    public static let subject = "OCI-Subject"
    /// `OCI-Filters-Applied`: the filters a referrers answer applied.
    public static let filtersApplied = "OCI-Filters-Applied"
}
